/**
 * The medical review rules (collections/medicalReview/rules.ts) on their own: property tests for
 * `decide` and `edit` over generated review states, people and requests, with no database. Each
 * property is a promise the rules make (the file's header, the README's "Medical review"
 * section): four-eyes, approvals bound to a revision, edits voiding approvals, refusals that name
 * a rule with a 4xx, and decisions that depend on nothing but their arguments. The last ones
 * replay whole histories of actions and edits and check what must hold at every step.
 */
import fc from 'fast-check'

import {
  type Id,
  type ReviewAction,
  type ReviewActor,
  type ReviewRule,
  type ReviewStage,
  type ReviewState,
  type TransitionInput,
  type TransitionResult,
  allowedActions,
  decide,
  edit,
  parseAction,
  REVIEW_ACTIONS,
  REVIEW_STAGES,
  sameId,
  WorkflowRefusal,
} from '../collections/medicalReview/rules'

// Every rule name a refusal may cite, spelled out so that a new one is a decision, not an accident.
const RULES: readonly ReviewRule[] = [
  'signed-in',
  'reviewer-role',
  'stage',
  'four-eyes',
  'assigned-reviewer',
  'approval-bound-to-version',
  'comment-required',
  'reviewer-credentials',
  'reviewer-must-be-reviewer',
  'unreviewed-change',
  'stale-copy',
  'unknown-action',
  'bad-request',
  'unpublished-links',
  'bundle-too-large',
]

/** The stages each action starts from (README: draft → in review → approved → published, ...). */
const STARTS_FROM: Record<Exclude<ReviewAction, 'unpublish'>, readonly ReviewStage[]> = {
  submit: ['draft', 'changes_requested', 'unpublished', 'archived'],
  approve: ['in_review'],
  request_changes: ['in_review', 'approved'],
  publish: ['approved'],
  archive: ['draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished'],
}

const NOW = new Date('2026-03-01T09:00:00.000Z')
const RUNS = { numRuns: 400 }

// A small pool of people, so that the same person often turns up as editor, reviewer and approver.
// An id may come as a number or as its string (a relationship read at depth 0 or from a form):
// the rules must treat 3 and '3' as the same person.
const idArb: fc.Arbitrary<Id> = fc.integer({ min: 1, max: 4 }).chain((n) => fc.constantFrom<Id>(n, String(n)))
// Mostly filled in, sometimes missing or blank: approving needs both.
const textArb = fc.oneof(
  { arbitrary: fc.constantFrom('Dr. Ada Quinn', 'MD, FRCP'), weight: 3 },
  { arbitrary: fc.constantFrom<string | null | undefined>(null, undefined, '', '   '), weight: 1 },
)

const actorArb: fc.Arbitrary<ReviewActor> = fc.record({
  id: idArb,
  role: fc.constantFrom<string | undefined>('admin', 'reviewer', 'reviewer', 'editor', 'reader', undefined, 'Reviewer'),
  name: textArb,
  credentials: textArb,
})
/** A reviewer who could approve if the state allows: role, name and credentials present. */
const qualifiedReviewerArb: fc.Arbitrary<ReviewActor> = fc.record({
  id: idArb,
  role: fc.constantFrom('admin', 'reviewer'),
  name: fc.constant('Dr. Ada Quinn'),
  credentials: fc.constant('MD'),
})
const personArb = fc.oneof(qualifiedReviewerArb, actorArb)
const actorOrSystemArb = fc.option(personArb, { nil: null, freq: 5 })

const looseStateArb: fc.Arbitrary<ReviewState> = fc.record({
  stage: fc.constantFrom(...REVIEW_STAGES),
  isLive: fc.boolean(),
  revision: fc.integer({ min: 1, max: 4 }),
  assignedReviewer: fc.option(idArb, { nil: null }),
  contributors: fc.uniqueArray(idArb, { maxLength: 3, selector: (id) => String(id) }),
  approval: fc.option(
    fc.record({ by: idArb, at: fc.constant('2026-01-01T00:00:00.000Z'), revision: fc.integer({ min: 1, max: 4 }) }),
    { nil: null },
  ),
})

/**
 * A state from which `action` may be taken: a stage it starts from (live, for unpublish), and
 * half the time an approval of the current revision. Random states alone rarely get that far.
 */
const stateReadyFor = (action: ReviewAction): fc.Arbitrary<ReviewState> =>
  fc
    .tuple(looseStateArb, fc.constantFrom(...(action === 'unpublish' ? REVIEW_STAGES : STARTS_FROM[action])), idArb, fc.boolean())
    .map(([state, stage, by, bound]) => ({
      ...state,
      stage,
      isLive: action === 'unpublish' ? true : state.isLive,
      approval: bound ? { by, at: '2026-01-01T00:00:00.000Z', revision: state.revision } : state.approval,
    }))

const stateArb: fc.Arbitrary<ReviewState> = fc.oneof(looseStateArb, fc.constantFrom(...REVIEW_ACTIONS).chain(stateReadyFor))

const inputArb: fc.Arbitrary<TransitionInput> = fc.record({
  action: fc.constantFrom(...REVIEW_ACTIONS),
  comment: fc.constantFrom<string | null | undefined>(null, undefined, '', '  ', 'Cite the 2024 guideline.'),
  reviewer: fc.option(personArb, { nil: null }),
})

type Outcome = { ok: true; result: TransitionResult } | { ok: false; refusal: WorkflowRefusal }

/** `decide` as a value: its result or its refusal. Anything else thrown fails the property. */
function outcomeOf(state: ReviewState, actor: ReviewActor | null, input: TransitionInput): Outcome {
  try {
    return { ok: true, result: decide(state, actor, input, NOW) }
  } catch (error) {
    if (error instanceof WorkflowRefusal) return { ok: false, refusal: error }
    throw error
  }
}

/**
 * Counts how often a property's condition held: a property whose "if it passed, then ..." never
 * met a pass would prove nothing, so each such property also asserts it was exercised.
 */
function exercised() {
  let count = 0
  return {
    hit: () => void (count += 1),
    atLeast: (minimum: number) => expect(count).toBeGreaterThanOrEqual(minimum),
  }
}

const isContributor = (state: ReviewState, id: Id | null | undefined) => state.contributors.some((c) => sameId(c, id))
const clone = <T>(value: T): T => structuredClone(value)

describe('decide: every request ends in a next state or a refusal naming a rule', () => {
  test('a refusal is a WorkflowRefusal with a known rule, a 4xx status and a sentence', () => {
    const refused = exercised()
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        if (outcome.ok) return
        refused.hit()
        const { refusal } = outcome
        expect(RULES).toContain(refusal.rule)
        expect([400, 401, 403, 409]).toContain(refusal.status)
        expect(refusal.name).toBe('WorkflowRefusal')
        expect(refusal.message.trim().length).toBeGreaterThan(10)
      }),
      RUNS,
    )
    refused.atLeast(100)
  })

  test('decisions are deterministic and leave their arguments untouched', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const before = clone({ state, actor, input })
        const first = outcomeOf(state, actor, input)
        expect({ state, actor, input }).toEqual(before)
        const second = outcomeOf(clone(state), clone(actor), clone(input))
        if (first.ok && second.ok) {
          expect(second.result).toEqual(first.result)
          // The next state is a new object: the caller's copy of the old one still says what was.
          expect(first.result.state).not.toBe(state)
        } else if (!first.ok && !second.ok) {
          expect([second.refusal.rule, second.refusal.status, second.refusal.message]).toEqual([
            first.refusal.rule,
            first.refusal.status,
            first.refusal.message,
          ])
        } else {
          throw new Error(`decided differently on equal arguments: ${JSON.stringify([first, second])}`)
        }
      }),
      RUNS,
    )
  })

  test('a result reports the stage it left and the stage it reached, and keeps the content revision', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        if (!outcome.ok) return
        passed.hit()
        expect(outcome.result.from).toBe(state.stage)
        expect(outcome.result.to).toBe(outcome.result.state.stage)
        expect(REVIEW_STAGES).toContain(outcome.result.to)
        // A review action is not a change to the content.
        expect(outcome.result.state.revision).toBe(state.revision)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })
})

describe('decide: who may act', () => {
  test('without a user (the system) only publish and unpublish can pass; anything else is 401 signed-in', () => {
    fc.assert(
      fc.property(stateArb, inputArb, (state, input) => {
        const outcome = outcomeOf(state, null, input)
        if (input.action === 'publish' || input.action === 'unpublish') {
          if (!outcome.ok) expect(outcome.refusal.rule).not.toBe('signed-in')
        } else {
          expect(outcome.ok).toBe(false)
          if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['signed-in', 401])
        }
      }),
      RUNS,
    )
  })

  test('only reviewers and admins take an action other than submit; anyone else is 403 reviewer-role', () => {
    fc.assert(
      fc.property(stateArb, actorArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        const reviews = actor.role === 'reviewer' || actor.role === 'admin'
        if (input.action === 'submit' || reviews) {
          if (!outcome.ok) expect(outcome.refusal.rule).not.toBe('reviewer-role')
        } else {
          expect(outcome.ok).toBe(false)
          if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['reviewer-role', 403])
        }
      }),
      RUNS,
    )
  })

  test('an action passes only from the stages it starts from; unpublish only while live (else 409 stage)', () => {
    fc.assert(
      fc.property(stateArb, qualifiedReviewerArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        const allowed = input.action === 'unpublish' ? state.isLive : STARTS_FROM[input.action].includes(state.stage)
        if (!allowed) {
          expect(outcome.ok).toBe(false)
          if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['stage', 409])
        } else if (!outcome.ok) {
          expect(outcome.refusal.rule).not.toBe('stage')
        }
      }),
      RUNS,
    )
  })

  test('a document assigned to a reviewer is approved or sent back by that reviewer or an admin', () => {
    const passed = exercised()
    const assigned = fc
      .constantFrom<ReviewAction>('approve', 'request_changes')
      .chain((action) => fc.tuple(fc.constant(action), stateReadyFor(action), idArb))
      .map(([action, state, reviewer]) => ({ action, state: { ...state, assignedReviewer: reviewer } }))
    fc.assert(
      fc.property(assigned, personArb, ({ action, state }, actor) => {
        const outcome = outcomeOf(state, actor, { action, comment: 'Cite the 2024 guideline.' })
        if (!outcome.ok) return
        passed.hit()
        expect(sameId(state.assignedReviewer, actor.id) || actor.role === 'admin').toBe(true)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('approving needs the approver to have a name and credentials (shown to patients)', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('approve'), actorArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'approve' })
        if (!outcome.ok) return
        passed.hit()
        expect(actor.name?.trim()).toBeTruthy()
        expect(actor.credentials?.trim()).toBeTruthy()
      }),
      RUNS,
    )
    passed.atLeast(10)
  })

  test('requesting changes needs a comment that is not blank (else 400 comment-required)', () => {
    fc.assert(
      fc.property(stateArb, qualifiedReviewerArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf({ ...state, stage: 'in_review', assignedReviewer: null }, actor, { ...input, action: 'request_changes' })
        if (input.comment?.trim()) expect(outcome.ok).toBe(true)
        else {
          expect(outcome.ok).toBe(false)
          if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['comment-required', 400])
        }
      }),
      RUNS,
    )
  })
})

describe('decide: four-eyes', () => {
  test('an approver is never a contributor, and the approval names the approver and the current revision', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('approve'), personArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'approve' })
        if (!outcome.ok) return
        passed.hit()
        expect(isContributor(state, actor.id)).toBe(false)
        expect(outcome.result.state.approval).toEqual({ by: actor.id, at: NOW.toISOString(), revision: state.revision })
        expect(outcome.result.to).toBe('approved')
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('a contributor asking to approve is refused under four-eyes (403), whatever else is true', () => {
    fc.assert(
      fc.property(stateReadyFor('approve'), qualifiedReviewerArb, (state, actor) => {
        // The same person as a contributor, perhaps spelled as the other id type (3 and '3').
        const mine = { ...state, contributors: [...state.contributors, typeof actor.id === 'number' ? String(actor.id) : Number(actor.id)] }
        const outcome = outcomeOf(mine, actor, { action: 'approve' })
        expect(outcome.ok).toBe(false)
        if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['four-eyes', 403])
      }),
      RUNS,
    )
  })

  test('a reviewer chosen at submission is a reviewer and not a contributor', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('submit'), actorArb, personArb, (state, editor, reviewer) => {
        const outcome = outcomeOf(state, editor, { action: 'submit', reviewer })
        if (!outcome.ok) return
        passed.hit()
        expect(['reviewer', 'admin']).toContain(reviewer.role)
        expect(isContributor(state, reviewer.id)).toBe(false)
        expect(outcome.result.state).toMatchObject({ stage: 'in_review', assignedReviewer: reviewer.id, approval: null })
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test("nobody who contributed publishes, and nothing is published on a contributor's approval", () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('publish'), actorOrSystemArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'publish' })
        if (!outcome.ok) return
        passed.hit()
        if (actor) expect(isContributor(state, actor.id)).toBe(false)
        expect(isContributor(state, state.approval!.by)).toBe(false)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })
})

describe('decide: approvals and the public copy', () => {
  test('nothing reaches published without an approval bound to the current revision', () => {
    const published = exercised()
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        if (!outcome.ok || outcome.result.to !== 'published') return
        published.hit()
        expect(input.action).toBe('publish')
        expect(state.approval).not.toBeNull()
        expect(state.approval!.revision).toBe(state.revision)
      }),
      { numRuns: 2000 },
    )
    published.atLeast(5)
  })

  test('an approval of another revision, or none, is refused at publish with 409 approval-bound-to-version', () => {
    fc.assert(
      fc.property(stateReadyFor('publish'), actorOrSystemArb, fc.integer({ min: -3, max: 3 }), (state, actor, offset) => {
        const approval = offset === 0 ? null : { by: 99, at: '2026-01-01T00:00:00.000Z', revision: state.revision + offset }
        const outcome = outcomeOf({ ...state, approval }, actor && { ...actor, role: 'reviewer' }, { action: 'publish' })
        expect(outcome.ok).toBe(false)
        if (!outcome.ok) expect([outcome.refusal.rule, outcome.refusal.status]).toEqual(['approval-bound-to-version', 409])
      }),
      RUNS,
    )
  })

  test('only approve creates an approval; submit, request changes and archive clear it; the rest keep it', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        if (!outcome.ok || input.action === 'approve') return
        passed.hit()
        const after = outcome.result.state.approval
        if (['submit', 'request_changes', 'archive'].includes(input.action)) expect(after).toBeNull()
        else expect(after).toEqual(state.approval)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('the public copy changes only when liveStatus says so, and agrees with isLive', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, inputArb, (state, actor, input) => {
        const outcome = outcomeOf(state, actor, input)
        if (!outcome.ok) return
        passed.hit()
        const { liveStatus, state: next } = outcome.result
        if (liveStatus === 'published') expect(next.isLive).toBe(true)
        else if (liveStatus === 'draft') expect([state.isLive, next.isLive]).toEqual([true, false])
        else if (input.action !== 'archive') expect(next.isLive).toBe(state.isLive)
        else expect([state.isLive, next.isLive]).toEqual([false, false])
        expect(liveStatus === 'published').toBe(input.action === 'publish')
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('publishing starts a new review cycle: no contributors, no assigned reviewer', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('publish'), actorOrSystemArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'publish' })
        if (!outcome.ok) return
        passed.hit()
        expect(outcome.result.state).toMatchObject({ stage: 'published', isLive: true, contributors: [], assignedReviewer: null })
        expect(outcome.result.liveStatus).toBe('published')
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('unpublishing takes down the public copy; a pending draft keeps its own stage', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('unpublish'), actorOrSystemArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'unpublish' })
        if (!outcome.ok) return
        passed.hit()
        expect(outcome.result.state.isLive).toBe(false)
        expect(outcome.result.liveStatus).toBe('draft')
        expect(outcome.result.to).toBe(state.stage === 'published' ? 'unpublished' : state.stage)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('archiving takes the document out of review and off the public site', () => {
    const passed = exercised()
    fc.assert(
      fc.property(stateReadyFor('archive'), qualifiedReviewerArb, (state, actor) => {
        const outcome = outcomeOf(state, actor, { action: 'archive' })
        expect(outcome.ok).toBe(true)
        if (!outcome.ok) return
        passed.hit()
        expect(outcome.result.state).toMatchObject({ stage: 'archived', isLive: false, approval: null, assignedReviewer: null })
        expect(outcome.result.liveStatus).toBe(state.isLive ? 'draft' : undefined)
      }),
      RUNS,
    )
    passed.atLeast(20)
  })

  test('what the admin offers (allowedActions) is exactly what decide would let through', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, (state, actor) => {
        const offered = allowedActions(state, actor)
        for (const action of REVIEW_ACTIONS) {
          const outcome = outcomeOf(state, actor, { action, comment: 'A reason.' })
          expect(offered.includes(action)).toBe(outcome.ok)
        }
      }),
      RUNS,
    )
  })
})

describe('edit: a change to the content', () => {
  test('voids any approval and bumps the revision by one', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, (state, actor) => {
        const { state: next } = edit(state, actor)
        expect(next.approval).toBeNull()
        expect(next.revision).toBe(state.revision + 1)
      }),
      RUNS,
    )
  })

  test('sends reviewed content back to review, keeps a request for changes, and never approves or publishes', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, (state, actor) => {
        const result = edit(state, actor)
        const expected: ReviewStage =
          state.stage === 'in_review' || state.stage === 'approved' ? 'in_review' : state.stage === 'changes_requested' ? 'changes_requested' : 'draft'
        expect([result.from, result.to, result.state.stage]).toEqual([state.stage, expected, expected])
        // The public copy stays as it is: an edit saves a draft.
        expect(result.liveStatus).toBeUndefined()
        expect(result.state.isLive).toBe(state.isLive)
        expect(result.state.assignedReviewer).toBe(state.assignedReviewer)
      }),
      RUNS,
    )
  })

  test('makes the editor a contributor, once, and forgets nobody', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, (state, actor) => {
        const { contributors } = edit(state, actor).state
        expect(contributors.slice(0, state.contributors.length)).toEqual(state.contributors)
        if (!actor) expect(contributors).toEqual(state.contributors)
        else {
          expect(contributors.filter((id) => sameId(id, actor.id))).toHaveLength(1)
          expect(contributors.length - state.contributors.length).toBe(isContributor(state, actor.id) ? 0 : 1)
        }
      }),
      RUNS,
    )
  })

  test('is deterministic and leaves its arguments untouched', () => {
    fc.assert(
      fc.property(stateArb, actorOrSystemArb, (state, actor) => {
        const before = clone({ state, actor })
        const first = edit(state, actor)
        expect({ state, actor }).toEqual(before)
        expect(edit(clone(state), clone(actor))).toEqual(first)
      }),
      RUNS,
    )
  })

  test('whoever edits can then neither approve nor publish that revision', () => {
    fc.assert(
      fc.property(stateArb, qualifiedReviewerArb, (state, reviewer) => {
        const edited = edit(state, reviewer).state
        const approve = outcomeOf({ ...edited, stage: 'in_review', assignedReviewer: null }, reviewer, { action: 'approve' })
        expect(approve.ok).toBe(false)
        if (!approve.ok) expect(approve.refusal.rule).toBe('four-eyes')
        // Even with an approval of the new revision by someone else, the editor may not publish it.
        const approvedByOther = { ...edited, stage: 'approved' as const, approval: { by: 99, at: NOW.toISOString(), revision: edited.revision } }
        const publish = outcomeOf(approvedByOther, reviewer, { action: 'publish' })
        expect(publish.ok).toBe(false)
        if (!publish.ok) expect(publish.refusal.rule).toBe('four-eyes')
      }),
      RUNS,
    )
  })

  test('an approval given before an edit no longer publishes', () => {
    fc.assert(
      fc.property(stateReadyFor('publish'), actorOrSystemArb, qualifiedReviewerArb, (state, editor, publisher) => {
        const edited = edit(state, editor).state
        // Whatever stage the document is put in afterwards, publishing needs a new approval.
        for (const stage of REVIEW_STAGES) {
          const outcome = outcomeOf({ ...edited, stage }, publisher, { action: 'publish' })
          expect(outcome.ok).toBe(false)
        }
      }),
      RUNS,
    )
  })
})

describe('histories: what holds after any sequence of actions and edits', () => {
  // Histories that get somewhere: mostly editors (1, 2) edit and clinicians (3, 4) act, with the
  // happy path's actions more likely. Uniform choices end almost every history before approval
  // (measured: 13 publishes in 300 histories; these reach about 80).
  const editorIdArb = fc.oneof({ arbitrary: fc.constantFrom<Id>(1, 2, '1', '2'), weight: 4 }, { arbitrary: fc.constantFrom<Id>(3, '4'), weight: 1 })
  const clinicianArb: fc.Arbitrary<ReviewActor> = fc.record({
    id: fc.constantFrom<Id>(3, 4, '3', '4'),
    role: fc.constantFrom('admin', 'reviewer'),
    name: fc.constant('Dr. Ada Quinn'),
    credentials: fc.constant('MD'),
  })
  const historyInputArb: fc.Arbitrary<TransitionInput> = fc.record({
    action: fc.constantFrom<ReviewAction>('submit', 'submit', 'submit', 'approve', 'approve', 'approve', 'publish', 'publish', 'publish', 'request_changes', 'unpublish', 'archive'),
    comment: fc.constantFrom<string | null>(null, 'Cite the 2024 guideline.'),
    reviewer: fc.option(fc.oneof({ arbitrary: clinicianArb, weight: 3 }, { arbitrary: actorArb, weight: 1 }), { nil: null, freq: 2 }),
  })
  type Step = { kind: 'edit'; actor: ReviewActor } | { kind: 'act'; actor: ReviewActor | null; input: TransitionInput }
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('edit' as const), actor: fc.record({ id: editorIdArb, role: fc.constantFrom('editor', 'reviewer', 'admin') }) }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('act' as const),
        actor: fc.oneof({ arbitrary: clinicianArb, weight: 4 }, { arbitrary: actorOrSystemArb, weight: 1 }),
        input: historyInputArb,
      }),
      weight: 4,
    },
  )

  test('stages, revisions, approvals and the public copy stay consistent at every step', () => {
    const publishes = exercised()
    fc.assert(
      fc.property(actorArb, fc.array(stepArb, { maxLength: 40, size: 'max' }), (creator, steps) => {
        // A new document, as applyReviewWorkflow creates it.
        let state: ReviewState = { stage: 'draft', isLive: false, revision: 1, assignedReviewer: null, contributors: [creator.id], approval: null }
        let edits = 0
        // Everyone who changed the content since it was last published, as the model sees it.
        let changedBy: Id[] = [creator.id]
        // The revision a reviewer approved, while that approval stands.
        let approvedRevision: number | null = null
        for (const step of steps) {
          if (step.kind === 'edit') {
            state = edit(state, step.actor).state
            edits += 1
            changedBy = [...changedBy, step.actor.id]
            approvedRevision = null
          } else {
            const outcome = outcomeOf(state, step.actor, step.input)
            if (!outcome.ok) continue
            const before = state
            state = outcome.result.state
            if (step.input.action === 'approve') approvedRevision = before.revision
            if (step.input.action === 'publish') {
              publishes.hit()
              // Published content is the revision that was approved, by someone who did not change it.
              expect(approvedRevision).toBe(before.revision)
              expect(changedBy.some((id) => sameId(id, before.approval!.by))).toBe(false)
              if (step.actor) expect(changedBy.some((id) => sameId(id, step.actor!.id))).toBe(false)
              changedBy = []
            }
            if (['submit', 'request_changes', 'archive'].includes(step.input.action)) approvedRevision = null
          }
          expect(state.revision).toBe(1 + edits)
          // The rules' contributors are exactly the model's: nobody who changed the content is forgotten.
          expect(new Set(state.contributors.map(String))).toEqual(new Set(changedBy.map(String)))
          if (state.stage === 'approved') {
            expect(state.approval).not.toBeNull()
            expect(isContributor(state, state.approval!.by)).toBe(false)
          }
          if (state.approval) expect(state.approval.revision).toBe(state.revision)
          if (state.stage === 'published') expect(state.isLive).toBe(true)
          if (state.stage === 'unpublished' || state.stage === 'archived') expect(state.isLive).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
    publishes.atLeast(10)
  })
})

describe('parseAction', () => {
  test('accepts exactly the review actions; anything else is 400 unknown-action', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom<unknown>(...REVIEW_ACTIONS), fc.anything()), (value) => {
        if ((REVIEW_ACTIONS as readonly unknown[]).includes(value)) expect(parseAction(value)).toBe(value)
        else {
          let refusal: unknown
          try {
            parseAction(value)
          } catch (error) {
            refusal = error
          }
          expect(refusal).toBeInstanceOf(WorkflowRefusal)
          expect([(refusal as WorkflowRefusal).rule, (refusal as WorkflowRefusal).status]).toEqual(['unknown-action', 400])
        }
      }),
      RUNS,
    )
  })
})
