/**
 * For review fields the review panel already shows (stage, assigned reviewer, review due): the
 * edit view renders nothing for them, instead of a disabled copy under the panel. They stay in
 * the API, the list view's columns and the version history.
 */
export function ShownInReviewPanel() {
  return null
}
