using Cascade.Verifier.Calibration;
using Cascade.Verifier.Verification;

if (args.Length > 0 && args[0] == "calibrate")
{
    return await CalibrationCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.RefuseSecretsInSettingsFiles(
    $"{VerifierOptions.SectionName}:{nameof(VerifierOptions.ServiceKey)}",
    $"{VerifierOptions.SectionName}:{nameof(VerifierOptions.Judge)}:{nameof(JudgeModelOptions.ApiKey)}",
    "Cascade:Providers:*:ApiKey");
builder.AddVerifierServices();

WebApplication app = builder.Build();
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapVerifyApi();
app.MapDefaultEndpoints();

// Build the engine before the host starts: an invalid configuration (options, checks, judge) stops start-up here with
// a message naming the key to fix, not at the first request.
_ = app.Services.GetRequiredService<VerificationEngine>();
await app.RunAsync();
return 0;

/// <summary>The verifier's entry point; partial so tests can host it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
