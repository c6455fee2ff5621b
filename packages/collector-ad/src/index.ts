export {
  type CollectAdOptions,
  collectAd,
  GROUP_ATTRIBUTES,
  GROUP_FILTER,
  USER_ATTRIBUTES,
  USER_FILTER,
} from "./collect";
export { BUILTIN_PRIVILEGED_RIDS, DOMAIN_PRIVILEGED_RIDS } from "./membership";
