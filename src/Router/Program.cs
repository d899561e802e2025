using Cascade.Router;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.RefuseSecretsInSettingsFiles(RouterServiceCollectionExtensions.SecretKeys);
builder.AddRouterServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapRouterApi();
app.Run();

/// <summary>The router's entry point; partial so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
