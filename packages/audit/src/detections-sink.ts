// The sink every source folds into: each event through every enabled detection and the access review.
// Worker threads load this module by path and build their own sink from the cloneable init; the main
// thread merges the states they return.
import {
  AuditFold,
  type AuditFoldInit,
  type AuditState,
  type EventSinkModule,
  mergeAuditStates,
} from "@itaku/core";
import { detections } from "@itaku/rules-access-log";

const detectionsSink: EventSinkModule<AuditFoldInit, AuditState> = {
  create: (init) => new AuditFold(init, detections),
  merge: (into, from) => mergeAuditStates(into, from, detections),
};

export default detectionsSink;
