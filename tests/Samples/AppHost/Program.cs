var builder = DistributedApplication.CreateBuilder(args);

var cascade = builder.AddCascadeRouter("cascade");

builder.AddProject<Projects.Cascade_Samples_App>("sample-app")
    .WithReference(cascade)
    .WaitFor(cascade)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
