using Cascade.SupportChatDemo;
using Cascade.SupportChatDemo.Chat;

var builder = WebApplication.CreateBuilder(args);
// Serve wwwroot from the project in every environment when run from the build output (publish copies it anyway).
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Unreadable bodies throw in every environment, so BadRequestExceptionHandler answers them with a ProblemDetails.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddSupportChat(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapChatApi();
app.Run();

/// <summary>The support chat's entry point; partial so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
