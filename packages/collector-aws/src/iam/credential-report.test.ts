import { parseCredentialReport } from "./credential-report";

const HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

test("rows by column name: dates normalised to UTC, N/A and no_information as null, key slots kept", () => {
  const rows = parseCredentialReport(
    [
      HEADER,
      "<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-03-02T09:00:00+09:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
      "alice,arn:aws:iam::111122223333:user/alice,2024-04-01T00:00:00+00:00,true,no_information,2024-04-01T00:00:00+00:00,N/A,false,true,2026-10-01T00:00:00+00:00,2026-11-19T12:00:00+00:00,ap-northeast-1,s3,false,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
      "",
    ].join("\r\n"),
  );
  expect(rows).toEqual([
    {
      user: "<root_account>",
      arn: "arn:aws:iam::111122223333:root",
      passwordLastUsedAt: "2026-03-02T00:00:00.000Z",
      passwordLastChangedAt: null,
      mfaActive: true,
      accessKeys: [],
    },
    {
      user: "alice",
      arn: "arn:aws:iam::111122223333:user/alice",
      passwordEnabled: true,
      passwordLastUsedAt: null,
      passwordLastChangedAt: "2024-04-01T00:00:00.000Z",
      mfaActive: false,
      accessKeys: [
        {
          id: "access_key_1",
          active: true,
          createdAt: "2026-10-01T00:00:00.000Z",
          lastUsedAt: "2026-11-19T12:00:00.000Z",
          lastUsedService: "s3",
        },
        { id: "access_key_2", active: false, createdAt: "2025-01-01T00:00:00.000Z", lastUsedAt: null },
      ],
    },
  ]);
});

test("a user name with commas (allowed by IAM, unquoted in the report) is put back together", () => {
  const [row] = parseCredentialReport(
    `${HEADER}\nops,team,arn:aws:iam::111122223333:user/ops,team,2024-04-01T00:00:00+00:00,false,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n`,
  );
  expect(row).toMatchObject({
    user: "ops,team",
    arn: "arn:aws:iam::111122223333:user/ops,team",
    passwordEnabled: false,
    mfaActive: true,
  });
});

test("an empty report has no rows", () => {
  expect(parseCredentialReport("")).toEqual([]);
  expect(parseCredentialReport(`${HEADER}\n`)).toEqual([]);
});
