// The Athena query flow against moto (start, poll through QUEUED/RUNNING, canned results, stop on
// abort), and with a mocked client for what moto cannot produce (a FAILED query, results in pages).
// moto runs no SQL; the templates' SQL itself is tested on DuckDB over the same files.
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { AwsClients, RequestCounter } from "@itaku/collector-aws";
import { mockClient } from "aws-sdk-client-mock";
import { MOTO_INSTALL_TIMEOUT_MS, type MotoServer, startMoto } from "../../../../test/harness/moto";
import { athenaCostUsd, runAthenaQuery, type TemplateQuery } from "./athena";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
let moto: MotoServer;

const clientsFor = (endpoint: string, counter = new RequestCounter()) =>
  new AwsClients({
    credentials: { accessKeyId: "AKIATEST", secretAccessKey: "not-a-secret" },
    endpoint,
    counter,
  });

const QUERY: TemplateQuery = {
  name: "console-logins",
  sql: "SELECT eventid, eventname FROM cloudtrail_logs WHERE account = ? AND eventtime >= ? AND eventtime < ?",
  parameters: [
    { kind: "account", value: ACCOUNT },
    { kind: "instant", value: "2026-11-01T00:00:00Z" },
    { kind: "instant", value: "2026-12-01T00:00:00Z" },
  ],
};

async function motoApi(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${moto.endpoint}/moto-api/${path}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** Executions stay QUEUED, then RUNNING, for `times` polls each before they move on. */
const pollsPerState = (times: number) =>
  motoApi("state-manager/set-transition", {
    model_name: "athena::execution",
    transition: { progression: "manual", times },
  });

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT });
}, MOTO_INSTALL_TIMEOUT_MS);
afterAll(() => moto?.stop());

test("start with execution parameters, poll with backoff until SUCCEEDED, rows without the header", async () => {
  await pollsPerState(2);
  const cell = (v: string) => ({ VarCharValue: v });
  await motoApi("static/athena/query-results", {
    account_id: ACCOUNT,
    region: REGION,
    results: [
      {
        rows: [
          { Data: [cell("eventid"), cell("eventname")] },
          { Data: [cell("e-1"), cell("ConsoleLogin")] },
          { Data: [cell("e-2"), {}] },
        ],
        column_info: [
          { Name: "eventid", Type: "varchar" },
          { Name: "eventname", Type: "varchar" },
        ],
      },
    ],
  });
  const counter = new RequestCounter();
  const clients = clientsFor(moto.endpoint, counter);
  try {
    const result = await runAthenaQuery(
      {
        clients,
        region: REGION,
        database: "audit",
        outputLocation: "s3://athena-results/itaku/",
        poll: { firstDelayMs: 20, maxDelayMs: 80 },
      },
      QUERY,
    );
    expect(result.columns).toEqual(["eventid", "eventname"]);
    expect(result.rows).toEqual([
      ["e-1", "ConsoleLogin"],
      ["e-2", null],
    ]);
    expect(result.stats.polls).toBeGreaterThanOrEqual(3); // QUEUED, RUNNING, then SUCCEEDED
    expect(result.stats).toMatchObject({ dataScannedBytes: 0, pages: 1 });
    expect(result.stats.costUsd).toBeCloseTo(athenaCostUsd(0));
    // moto kept what was sent: the SQL text without a value in it, the values as parameters.
    const sent = await clients
      .get(AthenaClient, "athena", REGION)
      .send(new GetQueryExecutionCommand({ QueryExecutionId: result.stats.queryExecutionId }));
    expect(sent.QueryExecution?.Query).toBe(QUERY.sql);
    expect(sent.QueryExecution?.ExecutionParameters).toEqual([
      `'${ACCOUNT}'`,
      "'2026-11-01T00:00:00Z'",
      "'2026-12-01T00:00:00Z'",
    ]);
    expect(sent.QueryExecution?.QueryExecutionContext?.Database).toBe("audit");
    expect(counter.toStats()).toMatchObject({ "requests.athena:StartQueryExecution": 1 });
  } finally {
    clients.destroy();
  }
});

test("aborted while running (Ctrl-C): the query is stopped at Athena and the run rejects", async () => {
  await pollsPerState(1000);
  const clients = clientsFor(moto.endpoint);
  const controller = new AbortController();
  const counter = clients.counter;
  try {
    setTimeout(() => controller.abort(new Error("interrupted")), 300);
    await expect(
      runAthenaQuery(
        {
          clients,
          region: REGION,
          database: "audit",
          poll: { firstDelayMs: 50, maxDelayMs: 100 },
          signal: controller.signal,
        },
        QUERY,
      ),
    ).rejects.toThrow("interrupted");
    expect(counter.toStats()["requests.athena:StopQueryExecution"]).toBe(1);
  } finally {
    clients.destroy();
    await pollsPerState(1);
  }
});

test("a value that could break out of its quotes is refused before anything is sent", async () => {
  const counter = new RequestCounter();
  const clients = clientsFor(moto.endpoint, counter);
  try {
    await expect(
      runAthenaQuery(
        { clients, region: REGION, database: "audit" },
        {
          ...QUERY,
          parameters: [{ kind: "account", value: "123456789012' OR '1'='1" }],
        },
      ),
    ).rejects.toThrow(/not a valid account/);
    expect(counter.total).toBe(0);
  } finally {
    clients.destroy();
  }
});

describe("what moto cannot produce (mocked client)", () => {
  // Mocked only from here on: the tests above talk to moto.
  let athena: ReturnType<typeof mockClient>;
  beforeAll(() => {
    athena = mockClient(AthenaClient);
  });
  afterEach(() => athena.reset());
  afterAll(() => athena.restore());

  test("a FAILED query is an error carrying Athena's reason", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: {
        Status: { State: "FAILED", AthenaError: { ErrorMessage: "TABLE_NOT_FOUND: cloudtrail_logs" } },
      },
    });
    const clients = clientsFor("http://127.0.0.1:9");
    await expect(runAthenaQuery({ clients, region: REGION, database: "audit" }, QUERY)).rejects.toThrow(
      /FAILED: TABLE_NOT_FOUND: cloudtrail_logs/,
    );
    clients.destroy();
  });

  test("results in pages: every page read, the header skipped once, data scanned priced", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-2" });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: "SUCCEEDED" }, Statistics: { DataScannedInBytes: 2e12 } },
    });
    const meta = { ColumnInfo: [{ Name: "n", Type: "varchar" }] };
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: "q-2", MaxResults: 1000 })
      .resolves({
        ResultSet: {
          ResultSetMetadata: meta,
          Rows: [{ Data: [{ VarCharValue: "n" }] }, { Data: [{ VarCharValue: "1" }] }],
        },
        NextToken: "t2",
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: "q-2", MaxResults: 1000, NextToken: "t2" })
      .resolves({
        ResultSet: {
          ResultSetMetadata: meta,
          Rows: [{ Data: [{ VarCharValue: "n" }] }, { Data: [{ VarCharValue: "2" }] }],
        },
      });
    const clients = clientsFor("http://127.0.0.1:9");
    const result = await runAthenaQuery({ clients, region: REGION, database: "audit" }, QUERY);
    // A later page's row equal to the header is data, not a header.
    expect(result.rows).toEqual([["1"], ["n"], ["2"]]);
    expect(result.stats).toMatchObject({ pages: 2, dataScannedBytes: 2e12, costUsd: 10 });
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
    clients.destroy();
  });
});
