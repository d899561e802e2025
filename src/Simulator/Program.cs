using Cascade.Simulator;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddSimulatorDefaultsFile();
builder.AddServiceDefaults();
builder.AddSimulator();

WebApplication app = builder.Build();
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.MapSimulatorApi();
app.MapDefaultEndpoints();
app.Run();

/// <summary>The simulator's entry point, public for <c>WebApplicationFactory</c>.</summary>
public partial class Program;
