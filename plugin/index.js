// The plugin's program: Pulumi runs it (@pulumi/pulumi/cmd/run-plugin) with the engine's address as its argument.
require("pulumi-alicloud-tasks/plugin")
    .main(process.argv.slice(2), require)
    .catch((error) => {
        console.error(`alicloud-tasks plugin: ${error && error.stack ? error.stack : error}`);
        process.exit(1);
    });
