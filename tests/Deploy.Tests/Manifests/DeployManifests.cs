using k8s;
using k8s.Models;

namespace Cascade.Deploy.Tests.Manifests;

/// <summary>Every object of the YAML files in <c>deploy/kubernetes</c>, parsed strictly into the Kubernetes client's model types.</summary>
public sealed class DeployManifests
{
    private DeployManifests(IReadOnlyDictionary<string, IReadOnlyList<object>> files) => Files = files;

    /// <summary>Gets the objects of each file, by file name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<object>> Files { get; }

    /// <summary>Gets every object of every file.</summary>
    public IEnumerable<object> All => Files.Values.SelectMany(objects => objects);

    /// <summary>Loads the manifests copied beside the test assembly from the repository's <c>deploy/kubernetes</c>.</summary>
    public static DeployManifests Load()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "deploy", "kubernetes");
        string[] paths = Directory.GetFiles(folder, "*.yaml");
        paths.ShouldNotBeEmpty($"no manifests in {folder}");
        return new(paths.ToDictionary(
            path => Path.GetFileName(path),
            path => (IReadOnlyList<object>)KubernetesYaml.LoadAllFromString(File.ReadAllText(path), strict: true)));
    }

    /// <summary>Gets the objects of type <typeparamref name="T"/>.</summary>
    public IEnumerable<T> OfType<T>() => All.OfType<T>();

    /// <summary>Gets the Deployment named <paramref name="name"/>.</summary>
    public V1Deployment Deployment(string name) =>
        OfType<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == name) ?? throw new ShouldAssertException($"no Deployment named {name}");

    /// <summary>Gets the Service named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public V1Service? Service(string name) => OfType<V1Service>().SingleOrDefault(s => s.Metadata.Name == name);

    /// <summary>Gets the pod templates of every workload (Deployments and StatefulSets) with the workload's name.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates() =>
        OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template))
            .Concat(OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template)));

    /// <summary>Gets the example Secret every <c>secretKeyRef</c> points into.</summary>
    public V1Secret Secret => OfType<V1Secret>().Single();
}
