using System.Net;
using Cascade.Router.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cascade.Deploy.Tests.Production;

public sealed class ProductionConfigurationTests
{
    [Fact]
    public void ASecretInAnAppSettingsFile_StopsStartUp_NamingTheKeyAndTheVariableToUse()
    {
        string folder = Directory.CreateTempSubdirectory("cascade-settings").FullName;
        string file = Path.Combine(folder, "appsettings.Production.json");
        File.WriteAllText(file, """{ "Router": { "AdminKey": "a-secret-admin-key-in-a-file" } }""");
        using RouterFactory router = new();
        using var inProduction = router.WithWebHostBuilder(web => web.ConfigureAppConfiguration(c => c.AddJsonFile(file)));

        OptionsValidationException refused = Should.Throw<OptionsValidationException>(() => inProduction.CreateClient());

        refused.Message.ShouldContain("Router:AdminKey is set in appsettings.Production.json");
        refused.Message.ShouldContain("set the environment variable Router__AdminKey");
    }

    [Fact]
    public void FindInSettingsFiles_MatchesWildcardSegments_AndIgnoresEmptyValuesAndOtherFiles()
    {
        string folder = Directory.CreateTempSubdirectory("cascade-settings").FullName;
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "Cascade": { "Providers": { "anthropic": { "ApiKey": "sk-1" }, "openai": { "ApiKey": "" } } } }""");
        File.WriteAllText(Path.Combine(folder, "secrets.json"), """{ "Router": { "AdminKey": "from-user-secrets" } }""");
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(folder, "appsettings.json"))
            .AddJsonFile(Path.Combine(folder, "secrets.json"))
            .Build();

        SettingsFileSecrets.FindInSettingsFiles(configuration, ["Router:AdminKey", "Cascade:Providers:*:ApiKey"])
            .ShouldBe([("Cascade:Providers:anthropic:ApiKey", "appsettings.json")]);
    }

    [Fact]
    public async Task Ready_WaitsForRedis_WhileAliveAndHealthAnswer()
    {
        await using RouterFactory router = new("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        using HttpClient client = router.CreateHttpClient();

        HttpResponseMessage ready = await client.GetAsync(Extensions.ReadinessEndpointPath);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("has not been reached yet");
        (await client.GetAsync(Extensions.AlivenessEndpointPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(Extensions.HealthEndpointPath)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_PassesWithoutRedis_OnceTheConfigurationIsLoaded()
    {
        await using RouterFactory router = new();
        using HttpClient client = router.CreateHttpClient();

        HttpResponseMessage ready = await client.GetAsync(Extensions.ReadinessEndpointPath);

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        string body = await ready.Content.ReadAsStringAsync();
        body.ShouldContain("\"configuration\"");
        body.ShouldContain("\"started\"");
    }
}
