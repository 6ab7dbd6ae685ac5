/**
 * How a refused review rule reaches any client (REST, GraphQL, the admin, the Local API): the
 * pure rules throw `WorkflowRefusal` (they know nothing of Payload); it becomes a `Refusal`
 * (src/errors), which Payload answers with its status: a 4xx naming the rule, in the message and
 * in `data.rule`, with a sentence saying what to do.
 */
import { Refusal } from '../../src/errors'
import { WorkflowRefusal } from './rules'

/** A WorkflowRefusal as the Refusal every client gets; any other error as it is. */
export function asRefusal(error: unknown): unknown {
  if (error instanceof WorkflowRefusal) return new Refusal(`${error.message} [rule: ${error.rule}]`, error.status, { rule: error.rule })
  return error
}

/** Throws the Refusal for a broken rule (the workflow's one way of saying no). */
export function refuse(rule: ConstructorParameters<typeof WorkflowRefusal>[0], message: string, status: WorkflowRefusal['status']): never {
  throw asRefusal(new WorkflowRefusal(rule, message, status))
}

/** Runs `fn`, turning a WorkflowRefusal it throws into the Refusal clients get. */
export async function enforcing<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw asRefusal(error)
  }
}
