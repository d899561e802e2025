using Cascade.AppHost.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var backend = builder.AddProject("backend", "../Cascade.TestService/Cascade.TestService.csproj");

builder.AddProject("frontend", "../Cascade.TestService/Cascade.TestService.csproj")
    .WithReference(backend)
    .WaitFor(backend)
    .WithExternalHttpEndpoints();

return await builder.Build().RunAsync();
