// The proxy instance's boot script: Squid with a domain allow-list, and the CloudWatch agent shipping
// Squid's access log to the proxy log group. Pure, so it is tested without Pulumi.

export interface SquidSettings {
  /** Domains the proxy lets through; a leading dot also admits subdomains (`.example.com`). */
  allowedDomains: readonly string[];
  port: number;
  /** Networks allowed to use the proxy (the VPC). */
  clientCidrs: readonly string[];
  logGroupName: string;
}

const DOMAIN =
  /^\.?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** Throws on a value that could break out of Squid's configuration or the shell script. */
export function validateSquidSettings(settings: SquidSettings): void {
  if (settings.allowedDomains.length === 0) {
    throw new Error(
      "proxy.allowedDomains is empty: the proxy would let nothing through; list the domains the work needs",
    );
  }
  for (const domain of settings.allowedDomains) {
    if (!DOMAIN.test(domain)) throw new Error(`proxy.allowedDomains: "${domain}" is not a domain name`);
  }
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
    throw new Error(`proxy.port: ${settings.port} is not a TCP port`);
  }
  for (const cidr of settings.clientCidrs)
    if (!CIDR.test(cidr)) throw new Error(`"${cidr}" is not an IPv4 CIDR`);
  if (!/^[\w./-]+$/.test(settings.logGroupName))
    throw new Error(`"${settings.logGroupName}" is not a log group name`);
}

export function squidConfig(settings: SquidSettings): string {
  return [
    `http_port ${settings.port}`,
    ...settings.clientCidrs.map((cidr) => `acl clients src ${cidr}`),
    `acl allowed_domains dstdomain ${settings.allowedDomains.join(" ")}`,
    "acl SSL_ports port 443",
    "acl Safe_ports port 80 443",
    "acl CONNECT method CONNECT",
    "http_access deny !Safe_ports",
    "http_access deny CONNECT !SSL_ports",
    "http_access allow clients allowed_domains",
    "http_access deny all",
    "logformat itaku %ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru %[un %Sh/%<a %mt",
    "access_log daemon:/var/log/squid/access.log itaku",
    "cache deny all",
    "via off",
    "forwarded_for delete",
    "",
  ].join("\n");
}

export function cloudWatchAgentConfig(settings: SquidSettings): string {
  return JSON.stringify(
    {
      logs: {
        logs_collected: {
          files: {
            collect_list: [
              {
                file_path: "/var/log/squid/access.log",
                log_group_name: settings.logGroupName,
                log_stream_name: "{instance_id}",
                timezone: "UTC",
              },
            ],
          },
        },
      },
    },
    null,
    2,
  );
}

/** The user-data script (cloud-init runs it as root on first boot). */
export function squidUserData(settings: SquidSettings): string {
  validateSquidSettings(settings);
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "dnf install -y squid amazon-cloudwatch-agent",
    "cat > /etc/squid/squid.conf <<'SQUID'",
    squidConfig(settings).trimEnd(),
    "SQUID",
    "cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<'AGENT'",
    cloudWatchAgentConfig(settings),
    "AGENT",
    "systemctl enable --now squid",
    "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \\",
    "  -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json",
    "",
  ].join("\n");
}
