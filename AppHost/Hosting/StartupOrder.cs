namespace Cascade.AppHost.Hosting;

/// <summary>Orders resources so that each comes after everything it waits for, keeping declaration order otherwise.</summary>
public static class StartupOrder
{
    /// <summary>Returns <paramref name="resources"/> in start order.</summary>
    /// <exception cref="DistributedApplicationException">Waits form a cycle; the message names it.</exception>
    public static IReadOnlyList<Resource> Of(IReadOnlyList<Resource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var ordered = new List<Resource>(resources.Count);
        var state = new Dictionary<Resource, bool>(); // false: on the current path; true: placed.
        foreach (var resource in resources)
        {
            Visit(resource, state, ordered, []);
        }

        return ordered;
    }

    private static void Visit(Resource resource, Dictionary<Resource, bool> state, List<Resource> ordered, List<Resource> path)
    {
        if (state.TryGetValue(resource, out var placed))
        {
            if (!placed)
            {
                var cycle = path.SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                throw new DistributedApplicationException($"Resources wait for each other in a cycle: {string.Join(" -> ", cycle)}; remove one of these waits.");
            }

            return;
        }

        state[resource] = false;
        path.Add(resource);
        foreach (var dependency in resource.WaitsFor)
        {
            Visit(dependency, state, ordered, path);
        }

        path.RemoveAt(path.Count - 1);
        state[resource] = true;
        ordered.Add(resource);
    }
}
