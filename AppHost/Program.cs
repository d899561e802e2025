using Cascade.AppHost.Console;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated once, then kept with the AppHost's user secrets, so the key in a client's config stays valid.
var routerApiKey = builder.AddGeneratedSecret("router-api-key");
var routerAdminKey = builder.AddGeneratedSecret("router-admin-key");
var verifierServiceKey = builder.AddGeneratedSecret("verifier-service-key");
var simulatorAdminKey = builder.AddGeneratedSecret("simulator-admin-key");

// Infrastructure: redis-server from PATH as an executable (no container runtime needed), or ConnectionStrings:redis;
// without either the services keep their state in memory.
var redis = builder.AddRedisServer("redis");

// Services: the model simulator (with the dashboard's chaos commands), the model providers (real ones when their keys
// are set, the simulator otherwise), the verifier, the router.
var simulator = builder.AddProject<Projects.Cascade_Simulator>("simulator")
    .WithCascadeSimulatorDefaults(simulatorAdminKey);

var providers = builder.AddModelProviders("model-providers", simulator);

var verifier = builder.AddProject<Projects.Cascade_Verifier>("verifier")
    .WithCascadeVerifierDefaults(providers, verifierServiceKey);

var router = builder.AddProject<Projects.Cascade_Router>("router")
    .WithCascadeRouterDefaults(routerApiKey, routerAdminKey, redis, providers, verifier, verifierServiceKey);

// What apps reference: the router's endpoint and key as ConnectionStrings__cascade (AddCascadeChatClient reads it).
var cascade = builder.AddCascadeConnection("cascade", router, routerApiKey);

// Apps: the support-chat demo, on the router through Cascade's client integration.
var supportChat = builder.AddProject<Projects.Cascade_SupportChatDemo>("support-chat")
    .WithReference(cascade)
    .WaitFor(cascade)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithUrlForEndpoint("http", url => url.DisplayText = "Support chat");

builder.AddRunSummary(router, supportChat, routerApiKey, redis, providers);

builder.Build().Run();
