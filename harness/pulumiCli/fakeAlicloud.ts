// A stand-in for the `alicloud` resource plugin in end-to-end runs: the real one cannot be downloaded on these
// machines, and the tests are about this package's resources, not Alibaba Cloud's. It accepts every resource
// and gives it the id "<name>-id" (as the harness's mocks do, so that scripted APIs match the same ids), its
// inputs as outputs. Served by Pulumi's own provider server (`@pulumi/pulumi/provider`); installed into a
// workspace's PULUMI_HOME with `pulumi plugin install resource alicloud <version> --file`.
import * as fs from "fs";
import * as provider from "@pulumi/pulumi/provider";

const version: string = JSON.parse(fs.readFileSync(require.resolve("@pulumi/alicloud/package.json"), "utf8")).version;

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

const fake: provider.Provider = {
    version,
    check: async (_urn, _olds, news) => ({ inputs: news }),
    diff: async (_id: string, _urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) => {
        const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
        return { changes: keys.length > 0 };
    },
    create: async (urn, inputs) => ({ id: `${nameOf(urn)}-id`, outs: inputs }),
    read: async (id, _urn, props) => ({ id, props }),
    update: async (_id, _urn, _olds, news) => ({ outs: news }),
    delete: async () => undefined,
};

void provider.main(fake, process.argv.slice(2));
