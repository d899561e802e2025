using System.Net.Http.Json;
using Cascade.Testing.Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cascade.AppHost.Tests.Integrations;

/// <summary>
/// Cascade as an Aspire integration: another team's app host (tests/Samples/AppHost) adds the gateway with
/// <c>AddCascadeRouter("cascade")</c> and references it; its app (tests/Samples/App) gets an <see cref="Microsoft.Extensions.AI.IChatClient"/>
/// with <c>AddCascadeChatClient("cascade")</c> and answers through the router.
/// </summary>
public sealed class SampleAppTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task AnotherAspireApp_WithTheTwoIntegrationCalls_GetsAnAnswerThroughTheRouter()
    {
        IntegrationRequirements.RedisServer();
        string data = Directory.CreateTempSubdirectory("cascade-sample-redis-").FullName;
        try
        {
            IDistributedApplicationTestingBuilder builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Cascade_Samples_AppHost>(
                [
                    "--DcpPublisher:RandomizePorts=true",
                    $"--AppHost:RedisDataDirectory={data}",
                    $"--Parameters:cascade-api-key=csk_test_{Guid.NewGuid():N}",
                    $"--Parameters:cascade-admin-key=adm_test_{Guid.NewGuid():N}",
                    $"--Parameters:cascade-verifier-key=vsk_test_{Guid.NewGuid():N}",
                    $"--Parameters:cascade-simulator-key=ssk_test_{Guid.NewGuid():N}",
                    $"--Parameters:cascade-redis-password=rp{Guid.NewGuid():N}",
                ],
                Token);
            builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            await using DistributedApplication app = await builder.BuildAsync(Token);
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Token);
            patience.CancelAfter(Patience);
            await app.StartAsync(patience.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("sample-app", patience.Token);

            using HttpClient sample = app.CreateHttpClient("sample-app");
            using HttpResponseMessage response = await sample.GetAsync("/ask?question=How%20do%20returns%20work%3F", patience.Token);
            string body = await response.Content.ReadAsStringAsync(patience.Token);

            response.IsSuccessStatusCode.ShouldBeTrue(body);
            Answer answer = (await response.Content.ReadFromJsonAsync<Answer>(patience.Token)).ShouldNotBeNull();
            answer.Text.ShouldNotBeNullOrWhiteSpace();
            answer.Model.ShouldNotBeNullOrWhiteSpace("the router says which model answered");
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; redis-server may still be closing its files.
            }
        }
    }

    private sealed record Answer(string Text, string? Model);

    private static CancellationToken Token => TestContext.Current.CancellationToken;
}
