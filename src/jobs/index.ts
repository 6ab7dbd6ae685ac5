/**
 * Payload job tasks: work that must not hold up a request and must survive a restart (retried by
 * Payload's job queue). Webhook deliveries are src/webhooks' own task.
 *
 *   importDocumentTask.ts   an admin upload imported as drafts and submitted for review as one bundle
 *   reviewNotifications.ts  e-mail to reviewers and editors on review events; the daily re-review report
 */
export { importDocumentTask } from './importDocumentTask'
export { findDueReviews, notifyReviewEventTask, REVIEW_SCHEDULE_QUEUE, reviewScheduleTask } from './reviewNotifications'
