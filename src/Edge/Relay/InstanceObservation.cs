namespace Streaming.Edge.Relay;

/// <summary>What a fetched media playlist says about its stream's instance (see <see cref="StreamInstanceTracker"/>).</summary>
public enum InstanceObservation
{
    /// <summary>Not a media playlist with media, or the instance already known (or first seen): nothing to do.</summary>
    Current,
    /// <summary>A new instance: the stream's cached entries were purged.</summary>
    Changed,
    /// <summary>The previous instance, from a fetch that started before the change was seen: do not cache it.</summary>
    Stale,
}
