using Cascade.AppHost.Console;
using Cascade.AppHost.ModelProviders;
using Cascade.AppHost.Redis;

var builder = DistributedApplication.CreateBuilder(args);

// Secrets: generated once, then kept with the AppHost's user secrets, so the key in a client's config stays valid.
var routerApiKey = builder.AddParameter("router-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var routerAdminKey = builder.AddParameter("router-admin-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var verifierServiceKey = builder.AddParameter("verifier-service-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var simulatorAdminKey = builder.AddParameter("simulator-admin-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

// Infrastructure: redis-server from PATH as an executable (no container runtime needed), or ConnectionStrings:redis;
// without either the services keep their state in memory.
var redis = builder.AddRedisServer("redis");

// Services: the model simulator, the model providers (real ones when their keys are set, the simulator otherwise), the verifier.
var simulator = builder.AddProject<Projects.Cascade_Simulator>("simulator")
    .WithEnvironment("Simulator__Behavior", "Realistic")
    .WithEnvironment("Simulator__AdminKey", simulatorAdminKey)
    .WithHttpHealthCheck("/health")
    .WithChaosCommands(simulatorAdminKey);

var providers = builder.AddModelProviders("model-providers", simulator);

var verifier = builder.AddProject<Projects.Cascade_Verifier>("verifier")
    .WithModelProviders(providers)
    .WithEnvironment("Verifier__ServiceKey", verifierServiceKey)
    .WithHttpHealthCheck("/health");

var router = builder.AddProject<Projects.Cascade_Router>("router")
    .WithEnvironment("Router__AdminKey", routerAdminKey)
    .WithEnvironment("Router__BootstrapKeys__0__Name", "local-run")
    .WithEnvironment("Router__BootstrapKeys__0__Secret", routerApiKey)
    .WithRedis(redis)
    .WithModelProviders(providers)
    .WithReference(verifier)
    .WithEnvironment("Cascade__Verifier__ServiceKey", verifierServiceKey)
    .WaitFor(verifier)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// Apps: the support-chat demo on the router.
var supportChat = builder.AddProject<Projects.Cascade_SupportChatDemo>("support-chat")
    .WithEnvironment("SupportChat__RouterApiKey", routerApiKey)
    .WithReference(router)
    .WaitFor(router)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddRunSummary(router, supportChat, routerApiKey, redis, providers);

builder.Build().Run();
