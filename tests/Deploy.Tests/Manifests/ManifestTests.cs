extern alias verifier;

using Cascade.Router;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using VerifierOptions = verifier::Cascade.Verifier.Verification.VerifierOptions;

namespace Cascade.Deploy.Tests.Manifests;

public sealed class ManifestTests
{
    private const string HttpPortName = "http";
    private static readonly DeployManifests Manifests = DeployManifests.Load();

    [Fact]
    public void EveryManifest_ParsesStrictlyIntoKubernetesModelTypes_WithNamesAndLabels()
    {
        Manifests.Files.Keys.Order().ShouldBe(["redis-dev.yaml", "router.yaml", "secrets.example.yaml", "simulator.yaml", "verifier.yaml"]);
        foreach (object item in Manifests.All)
        {
            var kubernetesObject = item.ShouldBeAssignableTo<k8s.IKubernetesObject<V1ObjectMeta>>()!;
            kubernetesObject.Metadata.Name.ShouldNotBeNullOrWhiteSpace();
            kubernetesObject.Metadata.Labels.ShouldContainKeyAndValue("app.kubernetes.io/part-of", "cascade");
        }

        Manifests.OfType<V1Deployment>().Select(d => d.Metadata.Name).Order().ShouldBe(["router", "simulator", "verifier"]);
        Manifests.OfType<V1StatefulSet>().Single().Metadata.Name.ShouldBe("redis");
    }

    [Fact]
    public void EveryService_SelectsAWorkloadsPods_AndTargetsAPortItDeclares()
    {
        foreach (V1Service service in Manifests.OfType<V1Service>())
        {
            var (workload, template) = Manifests.PodTemplates().SingleOrDefault(t => Selects(service.Spec.Selector, t.Template.Metadata.Labels));
            template.ShouldNotBeNull($"Service {service.Metadata.Name} selects no workload's pods");
            foreach (V1ServicePort port in service.Spec.Ports)
            {
                template.Spec.Containers.SelectMany(c => c.Ports).Select(p => p.Name).ShouldContain(port.TargetPort.Value, $"Service {service.Metadata.Name} targets port '{port.TargetPort.Value}' that {workload} does not declare");
            }
        }

        foreach (V1Deployment deployment in Manifests.OfType<V1Deployment>())
        {
            Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels).ShouldBeTrue($"{deployment.Metadata.Name}'s selector does not match its own pods");
            Manifests.Service(deployment.Metadata.Name).ShouldNotBeNull($"{deployment.Metadata.Name} has no Service of its name");
        }
    }

    [Fact]
    public void EveryServiceContainer_ListensOnTheHttpPortItDeclares_InProduction()
    {
        foreach (V1Deployment deployment in Manifests.OfType<V1Deployment>())
        {
            V1Container container = deployment.Spec.Template.Spec.Containers.Single();
            int port = container.Ports.Single(p => p.Name == HttpPortName).ContainerPort;

            // ASP.NET Core's own variables: Kestrel binds ASPNETCORE_HTTP_PORTS; the environment picks appsettings.{Environment}.json.
            Env(container, "ASPNETCORE_HTTP_PORTS").Value.ShouldBe(port.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{deployment.Metadata.Name} listens elsewhere than its declared port");
            Env(container, "ASPNETCORE_ENVIRONMENT").Value.ShouldBe(Environments.Production);
        }
    }

    [Fact]
    public void EveryProbe_ReadsTheServiceDefaultsEndpoints_OnTheHttpPort()
    {
        foreach (V1Deployment deployment in Manifests.OfType<V1Deployment>())
        {
            V1Container container = deployment.Spec.Template.Spec.Containers.Single();
            container.LivenessProbe.HttpGet.Path.ShouldBe(Extensions.AlivenessEndpointPath);
            container.ReadinessProbe.HttpGet.Path.ShouldBe(Extensions.ReadinessEndpointPath);
            foreach (V1Probe probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe }.OfType<V1Probe>())
            {
                container.Ports.Select(p => p.Name).ShouldContain(probe.HttpGet.Port.Value, $"{deployment.Metadata.Name} probes a port it does not declare");
            }
        }
    }

    [Fact]
    public void EverySecretReference_NamesAKeyOfTheExampleSecret()
    {
        V1Secret secret = Manifests.Secret;
        var references = Manifests.PodTemplates()
            .SelectMany(t => t.Template.Spec.Containers.SelectMany(c => c.Env ?? []).Select(e => (t.Workload, Variable: e)))
            .Where(r => r.Variable.ValueFrom?.SecretKeyRef is not null)
            .ToArray();

        references.ShouldNotBeEmpty();
        foreach (var (workload, variable) in references)
        {
            variable.ValueFrom.SecretKeyRef.Name.ShouldBe(secret.Metadata.Name, $"{workload}'s {variable.Name} reads another Secret");
            secret.StringData.Keys.ShouldContain(variable.ValueFrom.SecretKeyRef.Key, $"{workload}'s {variable.Name} reads a key the Secret does not have");
        }
    }

    [Fact]
    public void TheRoutersSettings_AreTheKeysItReads_AndItsSecretsComeFromTheSecret()
    {
        V1Container router = Manifests.Deployment("router").Spec.Template.Spec.Containers.Single();

        FromSecret(router, Variable($"ConnectionStrings:{RouterServiceCollectionExtensions.RedisConnectionName}"));
        FromSecret(router, Variable($"{RouterOptions.SectionName}:{nameof(RouterOptions.AdminKey)}"));
        string routerServiceKey = FromSecret(router, Variable(RouterServiceCollectionExtensions.VerifierServiceKeyName));

        // Both ends of the verifier's service key read the same secret.
        V1Container verifierContainer = Manifests.Deployment("verifier").Spec.Template.Spec.Containers.Single();
        FromSecret(verifierContainer, Variable($"{VerifierOptions.SectionName}:{nameof(VerifierOptions.ServiceKey)}")).ShouldBe(routerServiceKey);

        // Every variable that sets a secret key the router refuses in appsettings reads a Secret, never a literal value.
        foreach (V1EnvVar variable in router.Env.Where(v => RouterServiceCollectionExtensions.SecretKeys.Any(k => Matches(k, v.Name))))
        {
            variable.Value.ShouldBeNull($"{variable.Name} is a secret: read it from a Secret");
            variable.ValueFrom.SecretKeyRef.ShouldNotBeNull();
        }
    }

    [Fact]
    public void EveryServiceAddress_InTheEnvironment_IsAServiceAndPortOfTheManifests()
    {
        V1Container router = Manifests.Deployment("router").Spec.Template.Spec.Containers.Single();
        Env(router, Variable($"services:{RouterServiceCollectionExtensions.VerifierServiceName}:http:0")).ShouldNotBeNull();

        var addresses = Manifests.PodTemplates()
            .SelectMany(t => t.Template.Spec.Containers.SelectMany(c => c.Env ?? []))
            .Where(e => e.Value is not null && e.Value.StartsWith("http://", StringComparison.Ordinal))
            .Select(e => (e.Name, Address: new Uri(e.Value)))
            .ToArray();

        addresses.Length.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var (name, address) in addresses)
        {
            V1Service service = Manifests.Service(address.Host) ?? throw new ShouldAssertException($"{name} points at {address.Host}, which is no Service");
            service.Spec.Ports.Select(p => p.Port).ShouldContain(address.Port, $"{name} uses port {address.Port} that Service {address.Host} does not expose");
        }
    }

    [Fact]
    public void TheRouter_ScalesOnCpu_AndKeepsAMajorityThroughDisruptions()
    {
        V1Deployment router = Manifests.Deployment("router");
        V2HorizontalPodAutoscaler hpa = Manifests.OfType<V2HorizontalPodAutoscaler>().Single();
        V1PodDisruptionBudget pdb = Manifests.OfType<V1PodDisruptionBudget>().Single();

        hpa.Spec.ScaleTargetRef.Kind.ShouldBe(router.Kind);
        hpa.Spec.ScaleTargetRef.Name.ShouldBe(router.Metadata.Name);
        hpa.Spec.Metrics.Single().Resource.Name.ShouldBe("cpu");
        hpa.Spec.MinReplicas.ShouldBe(router.Spec.Replicas);
        hpa.Spec.MaxReplicas.ShouldBeGreaterThan(hpa.Spec.MinReplicas!.Value);
        Selects(pdb.Spec.Selector.MatchLabels, router.Spec.Template.Metadata.Labels).ShouldBeTrue("the PodDisruptionBudget does not cover the router's pods");
        int minAvailable = int.Parse(pdb.Spec.MinAvailable.ShouldNotBeNull().Value, System.Globalization.CultureInfo.InvariantCulture);
        minAvailable.ShouldBeLessThan(router.Spec.Replicas!.Value, "a drain could never evict a router pod");
        minAvailable.ShouldBeGreaterThan(router.Spec.Replicas!.Value / 2);
    }

    [Fact]
    public void EveryContainer_RequestsCpuAndMemory_AndLimitsMemory()
    {
        foreach (var (workload, template) in Manifests.PodTemplates())
        {
            V1ResourceRequirements resources = template.Spec.Containers.Single().Resources.ShouldNotBeNull($"{workload} sets no resources");
            resources.Requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
            resources.Limits.Keys.ShouldContain("memory");
            resources.Limits["memory"].ToDecimal().ShouldBeGreaterThan(resources.Requests["memory"].ToDecimal(), $"{workload}'s memory limit is not above its request");
        }
    }

    private static string Variable(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static bool Matches(string secretKey, string variable)
    {
        string[] pattern = secretKey.Split(':');
        string[] segments = variable.Split("__");
        return pattern.Length == segments.Length && pattern.Zip(segments).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out string? value) && value == s.Value);

    private static V1EnvVar Env(V1Container container, string name) =>
        container.Env.SingleOrDefault(e => e.Name == name) ?? throw new ShouldAssertException($"container {container.Name} does not set {name}");

    private static string FromSecret(V1Container container, string name) =>
        Env(container, name).ValueFrom?.SecretKeyRef?.Key ?? throw new ShouldAssertException($"container {container.Name} sets {name} without a secretKeyRef");
}
