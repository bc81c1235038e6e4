using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Archive.Core.Parsing;

/// <summary>
/// YamlDotNet's event parser with limits: nesting deeper than the limit, or more events than the
/// front matter may expand to, stop the read before YamlDotNet's representation model (which
/// builds nested nodes recursively) sees them.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner, int maxDepth, int maxEvents) : IParser
{
    private int depth;
    private int events;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        if (++events > maxEvents)
        {
            throw new InputLimitException($"front matter has more than {maxEvents} values");
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart when ++depth > maxDepth:
                throw new InputLimitException($"front matter is nested more than {maxDepth} levels deep");
            case SequenceEnd or MappingEnd:
                depth--;
                break;
        }

        return true;
    }
}
