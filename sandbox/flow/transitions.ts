/**
 * Which status a consumer may ask for from which status. Everything else is a 409.
 * Provider moves (110, 130, 240, 320, 410, 420) happen in the flow steps, never on request.
 */
import { CONTRACT_STATUS as S } from "../../lib/finum";

export const CONSUMER_TRANSITIONS: Readonly<Record<number, readonly number[]>> = {
  // 120 again: new or changed data, a new proposal version.
  [S.CREATE_PROPOSAL]: [S.WAIT_FOR_CLIENT_DATA, S.CREATE_PROPOSAL, S.PROPOSAL_AVAILABLE],
  // 230: order the proposal that is available.
  [S.PROPOSAL_SENT]: [S.PROPOSAL_AVAILABLE],
  // 430: the client withdraws before the contract is in force.
  [S.WITHDRAWN]: [S.WAIT_FOR_CLIENT_DATA, S.CREATE_PROPOSAL, S.PROPOSAL_AVAILABLE, S.UNDER_REVIEW],
};

export function canConsumerMove(from: number, to: number): boolean {
  return CONSUMER_TRANSITIONS[to]?.includes(from) ?? false;
}
