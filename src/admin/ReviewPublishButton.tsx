'use client'
/**
 * Takes the place of Payload's Publish button (and its schedule menu) in clinical documents:
 * publishing is a review action, offered with its scheduling in the review panel
 * (ReviewPanel.tsx), so an approved document shows one way to publish, not two. The server
 * holds every publish to the review rules whatever a client sends.
 */
export function ReviewPublishButton() {
  return null
}
