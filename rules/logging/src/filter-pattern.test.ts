import { FilterPatternError, matchesEvent, parseFilterPattern } from "./filter-pattern";

const matches = (pattern: string, event: unknown) => matchesEvent(parseFilterPattern(pattern), event);

describe("parseFilterPattern / matchesEvent", () => {
  it("evaluates CIS 4.1's pattern: && binds tighter than ||, wildcards at either end", () => {
    const pattern =
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }';
    expect(matches(pattern, { errorCode: "Client.UnauthorizedOperation", eventName: "RunInstances" })).toBe(
      true,
    );
    expect(
      matches(pattern, {
        errorCode: "AccessDenied",
        sourceIPAddress: "198.51.100.7",
        eventName: "GetObject",
      }),
    ).toBe(true);
    expect(
      matches(pattern, {
        errorCode: "AccessDenied",
        sourceIPAddress: "198.51.100.7",
        eventName: "HeadBucket",
      }),
    ).toBe(false);
    expect(matches(pattern, { errorCode: "ThrottlingException", eventName: "GetObject" })).toBe(false);
  });

  it("follows nested selectors, NOT EXISTS and unquoted values", () => {
    const root =
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
    expect(matches(root, { userIdentity: { type: "Root" }, eventType: "AwsApiCall" })).toBe(true);
    expect(
      matches(root, {
        userIdentity: { type: "Root", invokedBy: "s3.amazonaws.com" },
        eventType: "AwsApiCall",
      }),
    ).toBe(false);
    expect(
      matches("{($.eventName=CreateTrail)||($.eventName=StopLogging)}", { eventName: "StopLogging" }),
    ).toBe(true);
    expect(
      matches("{ $.additionalEventData.MFAUsed != Yes }", { additionalEventData: { MFAUsed: "No" } }),
    ).toBe(true);
  });

  it("compares numbers, array elements, booleans and %regex%", () => {
    expect(matches("{ $.latency > 500 }", { latency: 900 })).toBe(true);
    expect(matches("{ $.latency > 500 }", { latency: "900" })).toBe(false);
    expect(
      matches("{ $.resources[0].type = AWS::S3::Object }", { resources: [{ type: "AWS::S3::Object" }] }),
    ).toBe(true);
    expect(matches("{ $.readOnly IS FALSE }", { readOnly: false })).toBe(true);
    expect(matches("{ $.eventName = %^Delete(Trail|Bucket)$% }", { eventName: "DeleteTrail" })).toBe(true);
  });

  it("a comparison on a missing field never matches, not even !=", () => {
    expect(matches('{ $.eventType != "AwsServiceEvent" }', {})).toBe(false);
  });

  it.each([
    ["a text pattern", '"ERROR"'],
    ["an unclosed brace", "{ $.a = 1"],
    ["a missing operator", "{ $.a 1 }"],
    ["trailing tokens", "{ $.a = 1 } x"],
    ["a string after >", '{ $.a > "x" }'],
    ["a broken regex", "{ $.a = %(% }"],
  ])("rejects %s with a FilterPatternError", (_name, pattern) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
  });
});
