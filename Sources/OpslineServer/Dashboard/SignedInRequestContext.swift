import Hummingbird
import OpslineStore

/// The context of every signed-in dashboard page: a request whose session ``SessionMiddleware``
/// has found, and, for a form it has checked, the form's fields.
struct SignedInRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The session, with who it acts as now.
    let session: DashboardSession
    /// The posted form, read and its CSRF token checked; nil for a GET.
    let form: FormBody?

    /// The parent context with its session; a 403 page when it has none (which
    /// ``SessionMiddleware``, in front of every signed-in page, has already answered).
    init(context: OpslineRequestContext) throws {
        guard let session = context.dashboardSession else {
            throw PageError.forbidden("Sign in first.")
        }
        self.coreContext = context.coreContext
        self.session = session
        self.form = context.dashboardForm
    }

    /// Who the session acts as.
    var caller: Principal { session.principal }

    /// The layout's signed-in bar.
    var bar: SignedInBar { SignedInBar(name: session.principal.name, csrf: session.csrfToken) }
}
