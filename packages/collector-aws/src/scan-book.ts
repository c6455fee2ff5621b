// Bookkeeping that collectors running in any order share within one scan: one book per account,
// kept for as long as the scan's config object lives.
import type { AwsCollectorContext } from "./collector";

/** Returns the book of the context's scan and account, opening it with `open` the first time. */
export function scanBook<Book>(open: () => Book): (ctx: AwsCollectorContext) => Book {
  const books = new WeakMap<object, Map<string, Book>>();
  return (ctx) => {
    let byAccount = books.get(ctx.config);
    if (!byAccount) {
      byAccount = new Map();
      books.set(ctx.config, byAccount);
    }
    let book = byAccount.get(ctx.accountId);
    if (!book) {
      book = open();
      byAccount.set(ctx.accountId, book);
    }
    return book;
  };
}
