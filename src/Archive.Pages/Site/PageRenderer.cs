using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace Archive.Pages.Site;

/// <summary>
/// Razor components rendered to HTML outside any request pipeline (<see cref="HtmlRenderer"/>, static
/// rendering): the same in the Functions worker and the local host, encoded by construction.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable, IDisposable
{
    private readonly HtmlRenderer renderer = new(services, loggers);

    public Task<string> RenderAsync<TPage>(IDictionary<string, object?> parameters)
        where TPage : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters))).ToHtmlString());

    public ValueTask DisposeAsync() => renderer.DisposeAsync();

    public void Dispose() => renderer.Dispose();
}
