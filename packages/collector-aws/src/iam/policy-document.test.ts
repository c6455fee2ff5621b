import { decodePolicyDocument } from "./policy-document";

const document = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/a b+c" }],
};

test("URL-encoded documents (as IAM returns them) are decoded", () => {
  expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual({ ok: true, document });
});

test("plain JSON is accepted too (moto's trust policies)", () => {
  expect(decodePolicyDocument(JSON.stringify(document))).toEqual({ ok: true, document });
});

test("garbage and grammar errors are reported, not guessed", () => {
  expect(decodePolicyDocument("%7Bnot-json")).toEqual({
    ok: false,
    reason: expect.stringMatching(/neither/),
  });
  expect(decodePolicyDocument(undefined)).toEqual({ ok: false, reason: "the document is empty" });
  expect(decodePolicyDocument(JSON.stringify({ Statement: [{ Effect: "Maybe", Action: "*" }] }))).toEqual({
    ok: false,
    reason: expect.stringMatching(/Statement/),
  });
});
