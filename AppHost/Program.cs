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

var router = builder.AddProject("router", "../src/Router/Cascade.Router.csproj")
    .WithReference(redis)
    .WithReference(providers)
    .WithReference(verifier)
    .WaitFor(redis)
    .WaitFor(providers)
    .WaitFor(verifier)
    .WithExternalHttpEndpoints();

// Apps: the support-chat demo, skipped with a notice while its project is absent.
builder.AddOptionalProject("support-chat", "../src/SupportChatDemo/Cascade.SupportChatDemo.csproj")
    .WithReference(router)
    .WaitFor(router)
    .WithExternalHttpEndpoints();

try
{
    return await builder.Build().RunAsync();
}
catch (DistributedApplicationException ex)
{
    builder.Console.Info(ex.Message);
    return 1;
}
