namespace Cascade.AppHost.Hosting;

/// <summary>Settings of one resource, by name, under <c>AppHost:Resources</c>.</summary>
public sealed class ResourceSettings
{
    /// <summary>Gets or sets a fixed port; unset picks a free one.</summary>
    public int? Port { get; set; }
}
