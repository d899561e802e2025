using System.Text.Json;
using Cascade.Protocol;
using Cascade.Protocol.Anthropic;
using Cascade.Protocol.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cascade.Router;

/// <summary>
/// <c>GET /v1/models</c>: <c>cascade</c> (automatic), <c>cascade/&lt;workload&gt;</c> for each configured workload and each
/// workload the calling key created, and each tier by name (which pins a request to it); only what the calling key may
/// use, never another key's workloads. Anthropic's shape for
/// callers that send <c>anthropic-version</c>, OpenAI's otherwise.
/// </summary>
public static class ModelsApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapModelsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/models", async (HttpContext context, ApiKeyAuthenticator authenticator, CascadeModel model, IKeyWorkloadStore keyWorkloads, TimeProvider time) =>
        {
            bool anthropic = context.Request.Headers.ContainsKey("anthropic-version");
            ApiFlavor flavor = anthropic ? ApiFlavor.Anthropic : ApiFlavor.OpenAI;
            var (key, error) = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
            if (key is null)
            {
                await RouterErrorWriter.WriteAsync(context, error!, flavor);
                return;
            }

            IEnumerable<string> workloads = model.Options.Workloads.Keys.Concat(await keyWorkloads.ListAsync(key.Id, context.RequestAborted))
                .Where(key.Policy.AllowsWorkload)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal);
            string[] ids = [ModelTarget.Cascade, .. workloads.Select(w => $"{ModelTarget.Cascade}/{w}"), .. model.Tiers.Select(t => t.Name)];
            ids = ids.Where(key.Policy.AllowsModel).ToArray();
            DateTimeOffset now = time.GetUtcNow();
            context.Response.ContentType = "application/json";
            if (anthropic)
            {
                AnthropicModelList list = new()
                {
                    Data = ids.Select(id => new AnthropicModelInfo { Id = id, DisplayName = Describe(id, model), CreatedAt = now }).ToList(),
                    FirstId = ids.FirstOrDefault(),
                    LastId = ids.LastOrDefault(),
                };
                await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(list, ProtocolJsonContext.Default.AnthropicModelList), context.RequestAborted);
                return;
            }

            OpenAIModelList models = new() { Data = ids.Select(id => new OpenAIModelInfo { Id = id, Created = now.ToUnixTimeSeconds(), OwnedBy = "cascade" }).ToList() };
            await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(models, ProtocolJsonContext.Default.OpenAIModelList), context.RequestAborted);
        });

    private static string Describe(string id, CascadeModel model) =>
        id == ModelTarget.Cascade ? "Cascade (automatic)"
        : id.StartsWith(ModelTarget.Cascade + "/", StringComparison.Ordinal) ? $"Cascade for workload '{id[(ModelTarget.Cascade.Length + 1)..]}'"
        : $"Tier '{id}' ({string.Join(", ", model.Tiers.First(t => t.Name == id).Deployments.Select(d => d.Model))})";
}
