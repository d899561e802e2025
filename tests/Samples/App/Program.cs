using Microsoft.Extensions.AI;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCascadeChatClient("cascade");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/ask", async (string question, IChatClient chat, CancellationToken cancellationToken) =>
{
    ChatResponse response = await chat.GetResponseAsync(question, cancellationToken: cancellationToken);
    return TypedResults.Ok(new Answer(response.Text, response.ModelId));
});
app.Run();

/// <summary>What <c>GET /ask</c> returns.</summary>
/// <param name="Text">The answer.</param>
/// <param name="Model">The model that answered.</param>
internal sealed record Answer(string Text, string? Model);
