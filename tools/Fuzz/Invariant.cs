namespace Streaming.Tools.Fuzz;

/// <summary>Checks a target asserts on a parser's result; a failure is a finding like an escaped exception.</summary>
public static class Invariant
{
    public static void Check(bool condition, string what)
    {
        if (!condition) throw new FuzzInvariantException(what);
    }

    public static void Defined<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Check(Enum.IsDefined(value), $"{typeof(TEnum).Name} {value} is not a documented result");
}
