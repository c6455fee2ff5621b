// Who of the roster an IAM Identity Center user is: the one rule shared by the Identity Center rules
// and the access-log audit's identity mapping, so both name the same person for the same user.

/** What matching needs of a roster person (RosterPerson fits; roster.ts builds the index, so no import). */
export interface SsoOwnerCandidate {
  personId: string;
  email?: string;
}

/** What matching needs of an Identity Center user (a snapshot's aws.sso.user attributes fit). */
export interface SsoUserKey {
  userName: string;
  emails: readonly string[];
}

/**
 * Matches by e-mail first (any of the user's addresses, or a user name that is an address, against
 * the roster's e-mail), then by user name against the roster's person id. No looser guess (such as
 * an address's local part): an unmatched user is a finding, a wrong match would hide one.
 */
export class SsoOwnerIndex<Person extends SsoOwnerCandidate> {
  private readonly byEmail = new Map<string, Person[]>();
  private readonly byPersonId = new Map<string, Person[]>();

  constructor(people: readonly Person[]) {
    for (const person of people) {
      if (person.email) push(this.byEmail, person.email.trim().toLowerCase(), person);
      push(this.byPersonId, person.personId.trim().toLowerCase(), person);
    }
  }

  owners(user: SsoUserKey): Person[] {
    const name = user.userName.trim().toLowerCase();
    // Without a set or a spread per user: most users have one address, and most lookups miss.
    let byEmail: Person[] | undefined;
    const addOwnersOf = (address: string) => {
      for (const person of this.byEmail.get(address) ?? NOBODY) {
        if (!byEmail) byEmail = [person];
        else if (!byEmail.includes(person)) byEmail.push(person);
      }
    };
    for (const email of user.emails) addOwnersOf(email.trim().toLowerCase());
    if (name.includes("@")) addOwnersOf(name);
    if (byEmail) return byEmail;
    return [...(this.byPersonId.get(name) ?? NOBODY)];
  }
}

const NOBODY: readonly never[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
