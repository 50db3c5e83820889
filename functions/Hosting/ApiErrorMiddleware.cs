using Credit.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Credit.Functions.Hosting;

/// <summary>
/// The last line of every HTTP function: anything unforeseen becomes 500 with the product's error body and the
/// invocation id as the correlation id (the same id is in the log with the exception), never an empty body or a
/// stack trace; a request whose body passes the server's limit becomes 413 with the limit. Registered in the
/// Functions worker (Program.cs) and run around every HTTP invocation by the local runtime.
/// </summary>
public sealed partial class ApiErrorMiddleware(ILogger<ApiErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http && !http.RequestAborted.IsCancellationRequested)
        {
            var (status, code, en, zh) = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? (StatusCodes.Status413PayloadTooLarge, "BODY_TOO_LARGE", "the request body is larger than this endpoint accepts", "请求体超过该接口允许的大小")
                : (StatusCodes.Status500InternalServerError, "INTERNAL_ERROR",
                    $"the request could not be completed; quote the correlation id {context.InvocationId} to the operators",
                    $"请求未能完成；请向运维人员提供关联编号{context.InvocationId}");
            LogFailed(logger, e, context.FunctionDefinition.Name, context.InvocationId, status);
            http.Response.Clear();
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(ApiResults.ErrorBody(code, en, zh, context.InvocationId), http.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed (correlation id {CorrelationId}, answered {Status})")]
    static partial void LogFailed(ILogger logger, Exception exception, string function, string correlationId, int status);
}
