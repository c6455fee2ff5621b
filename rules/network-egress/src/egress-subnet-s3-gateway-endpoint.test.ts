import rule from "./egress-subnet-s3-gateway-endpoint";
import { draftOf, gap, RTB_APP, RTB_MAIN, S3_ENDPOINT, SUBNET_APP, SUBNET_DB } from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof draftOf>[0];
const s3Endpoint = (d: Draft) => draftOf(d, "aws.ec2.vpc-endpoint", S3_ENDPOINT).attributes;
/** The DB subnet uses the main table; the endpoint no longer serves it, nor does a route name it. */
const mainTableUnserved = (d: Draft) => {
  s3Endpoint(d).routeTableIds = [RTB_APP];
  const main = draftOf(d, "aws.ec2.route-table", RTB_MAIN).attributes;
  main.routes = main.routes.filter((r) => r.target.id !== S3_ENDPOINT);
};
const dynamoEndpoint = (d: Draft, tables: string[]) => {
  const endpoint = structuredClone(d.resources.find((r) => r.id === S3_ENDPOINT)!) as ReturnType<
    typeof draftOf<"aws.ec2.vpc-endpoint">
  >;
  endpoint.id = "vpce-0ddb0000000000001";
  endpoint.attributes.vpcEndpointId = endpoint.id;
  endpoint.attributes.serviceName = "com.amazonaws.ap-northeast-1.dynamodb";
  endpoint.attributes.routeTableIds = tables;
  delete endpoint.attributes.prefixListId;
  d.resources.push(endpoint);
};

tester.run(rule, {
  valid: [
    { name: "both confidential subnets' tables carry the S3 endpoint" },
    {
      name: "the endpoint is known from the table's route to it alone",
      change: (d) => {
        s3Endpoint(d).routeTableIds = [];
      },
    },
    {
      name: "DynamoDB asked for and served too",
      options: { services: ["s3", "dynamodb"] },
      change: (d) => {
        dynamoEndpoint(d, [RTB_APP, RTB_MAIN]);
      },
    },
  ],
  invalid: [
    {
      name: "the DB subnet's main table has no S3 endpoint",
      change: mainTableUnserved,
      errors: [{ messageId: "missing", resource: SUBNET_DB }],
    },
    {
      name: "an S3 interface endpoint is not a gateway endpoint",
      change: (d) => {
        s3Endpoint(d).endpointType = "Interface";
      },
      errors: [
        { messageId: "missing", resource: SUBNET_APP },
        { messageId: "missing", resource: SUBNET_DB },
      ],
    },
    {
      name: "DynamoDB asked for and missing",
      options: { services: ["s3", "dynamodb"] },
      change: (d) => {
        dynamoEndpoint(d, [RTB_APP]);
      },
      errors: [{ messageId: "missing", resource: SUBNET_DB }],
    },
  ],
  unknown: [
    {
      name: "the VPC endpoints could not be read",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.vpc-endpoint");
        d.sources[0]!.gaps.push(gap("aws.ec2.vpc-endpoint", "DescribeVpcEndpoints"));
      },
      resources: [SUBNET_APP, SUBNET_DB],
    },
    {
      name: "no route table was collected",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.type !== "aws.ec2.route-table");
      },
      resources: [SUBNET_APP, SUBNET_DB],
    },
  ],
});
