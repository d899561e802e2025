using Cascade.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: redis-server from PATH (or ConnectionStrings:redis); without it the services run in memory.
var redis = builder.AddRedis("redis");

// Services: the model simulator, the model providers (real ones when keys are set, else the simulator), the verifier.
var simulator = builder.AddProject("simulator", "../src/Simulator/Cascade.Simulator.csproj");

var providers = builder.AddModelProviders("providers", simulator);

var verifier = builder.AddProject("verifier", "../src/Verifier/Cascade.Verifier.csproj")
    .WithReference(providers)
    .WaitFor(providers)
    .WithExternalHttpEndpoints();

// The router's keys for this run: configured (AppHost:RouterApiKey, AppHost:RouterAdminKey) or made fresh, printed at start.
string routerApiKey = builder.Configuration["AppHost:RouterApiKey"] is { Length: > 0 } apiKey ? apiKey : "csk_local_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
string routerAdminKey = builder.Configuration["AppHost:RouterAdminKey"] is { Length: > 0 } adminKey ? adminKey : "adm_local_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

var router = builder.AddProject("router", "../src/Router/Cascade.Router.csproj")
    .WithEnvironment("Router__AdminKey", routerAdminKey)
    .WithEnvironment("Router__BootstrapKeys__0__Name", "local-run")
    .WithEnvironment("Router__BootstrapKeys__0__Secret", routerApiKey)
    .WithReference(redis)
    .WithReference(providers)
    .WithReference(verifier)
    .WaitFor(redis)
    .WaitFor(providers)
    .WaitFor(verifier)
    .WithExternalHttpEndpoints();

// Apps: the support-chat demo, skipped with a notice while its project is absent.
builder.AddOptionalProject("support-chat", "../src/SupportChatDemo/Cascade.SupportChatDemo.csproj")
    .WithEnvironment("SupportChat__RouterApiKey", routerApiKey)
    .WithReference(router)
    .WaitFor(router)
    .WithExternalHttpEndpoints();

builder.Console.Info($"router API key for this run: {routerApiKey} (admin key: {routerAdminKey})");

try
{
    return await builder.Build().RunAsync();
}
catch (DistributedApplicationException ex)
{
    builder.Console.Info(ex.Message);
    return 1;
}
