// The environment a provider host or a Pulumi CLI run gets in tests: nothing of the machine it runs on.

/** Clears credential variables a developer machine may have, so tests see only what they configure. */
export const NO_AMBIENT_CREDENTIALS: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
    ALIBABA_CLOUD_SECURITY_TOKEN: "",
    ALICLOUD_ACCESS_KEY: "",
    ALICLOUD_SECRET_KEY: "",
    ALICLOUD_SECURITY_TOKEN: "",
    ALICLOUD_TASKS_ENDPOINT: "",
    ALIBABA_CLOUD_REGION_ID: "",
    ALICLOUD_REGION: "",
    // the standard chain's sources: a developer's profile, OIDC or credentials URI must not leak in,
    // and the ECS metadata service (100.100.100.200) is never to be asked from a test
    ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
    ALIBABA_CLOUD_PROFILE: "",
    ALICLOUD_PROFILE: "",
    ALICLOUD_SHARED_CREDENTIALS_FILE: "",
    ALIBABA_CLOUD_ROLE_ARN: "",
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "",
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: "",
    ALIBABA_CLOUD_ECS_METADATA: "",
    ALICLOUD_ECS_ROLE_NAME: "",
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ALIBABA_CLOUD_CREDENTIALS_URI: "",
    ALICLOUD_CREDENTIALS_URI: "",
};
