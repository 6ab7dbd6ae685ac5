/**
 * How a refused review rule reaches any client (REST, GraphQL, the admin, the Local API): the
 * pure rules throw `WorkflowRefusal`; Payload answers an `APIError` with its status, so it is
 * converted here into a 4xx naming the rule and saying what to do.
 */
import { APIError } from 'payload'

import { WorkflowRefusal } from './rules'

/** How a refused rule reaches any client: a 4xx with the rule's name and a sentence to act on. */
export function refusalToAPIError(error: unknown): unknown {
  if (error instanceof WorkflowRefusal) {
    return new APIError(`${error.message} [rule: ${error.rule}]`, error.status, { rule: error.rule }, true)
  }
  return error
}

export function refuse(rule: ConstructorParameters<typeof WorkflowRefusal>[0], message: string, status: 400 | 401 | 403 | 409): never {
  throw refusalToAPIError(new WorkflowRefusal(rule, message, status))
}

export async function enforcing<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw refusalToAPIError(error)
  }
}
