import { defineRule } from "@itaku/core";

export default defineRule({
  id: "logging-cloudtrail-log-file-validation",
  title: {
    en: "Trails validate their log files",
    ja: "証跡のログファイル検証が有効である",
  },
  description: {
    en: "Log-file validation writes signed digests, so a deleted or altered log file can be detected. Work records are only evidence when they can be shown to be intact.",
    ja: "ログファイル検証を有効にすると署名付きダイジェストが書かれ、ログファイルの削除や改ざんを検知できます。作業記録は改ざんされていないことを示せて初めて証跡になります。",
  },
  severity: "medium",
  controls: ["IPA-2.1-5", "NIC-1-4-3-2"],
  resourceTypes: ["aws.cloudtrail.trail"],
  appliesTo: ["live", "iac"],
  messages: {
    disabled: "Trail {trail} does not validate its log files",
  },
  remediation: {
    summary: "Enable log-file validation on the trail.",
    pulumi: "new aws.cloudtrail.Trail(..., { enableLogFileValidation: true });",
    cli: "aws cloudtrail update-trail --name <trail> --enable-log-file-validation",
  },
  check(ctx) {
    for (const trail of ctx.resources("aws.cloudtrail.trail")) {
      if (trail.attributes.logFileValidation) ctx.pass(trail);
      else ctx.fail(trail, "disabled", { trail: trail.name });
    }
  },
});
