"""Errors meant for the user.

A :class:`UserError` carries a message of one sentence saying what is wrong
and one saying what to do. The command line prints it on one line and exits
with code 2; the full-screen program shows it as a notification. Anything
else that goes wrong is a bug: it is logged with its traceback in the data
folder, never shown raw.
"""


class UserError(Exception):
    """Something the user can fix; ``str(error)`` is the message to show."""

    exit_code = 2


def os_error_message(exc: OSError) -> str:
    """One line for a failed file operation: what went wrong with which file, and what to do.

    Used for every ``OSError`` that reaches the command line or a screen, so a
    full disk or a read-only folder is never shown as a traceback.
    """
    import errno

    from wijksessie.i18n import _

    where = exc.filename if exc.filename is not None else _("een bestand")
    code = exc.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return _("De schijf is vol. Dit kon niet worden opgeslagen: {path}. Maak ruimte vrij en probeer het opnieuw; er is niets verloren.").format(path=where)
    if code == errno.EFBIG:
        return _("Dit bestand wordt groter dan deze computer toestaat: {path}. Kies een andere map, of vraag de beheerder de grens te verhogen (ulimit -f).").format(path=where)
    if code == errno.EROFS:
        return _("Dit staat op een schijf waarop niet geschreven mag worden: {path}. Kies een andere map, bijvoorbeeld met --data-dir.").format(path=where)
    if code in (errno.EACCES, errno.EPERM):
        return _("U hebt hier geen toegang toe: {path}. Pas de rechten aan of kies een andere map.").format(path=where)
    if code == errno.ENOENT:
        return _("Dit bestaat niet: {path}. Kijk de naam en de map na.").format(path=where)
    if code == errno.ENOTDIR:
        return _("Een deel van deze naam is een bestand en geen map: {path}. Kijk de naam na.").format(path=where)
    if code == errno.EISDIR:
        return _("Dit is een map en geen bestand: {path}. Kies een bestandsnaam.").format(path=where)
    if code == errno.ENAMETOOLONG:
        return _("Deze naam is te lang: {path}. Kies een kortere naam.").format(path=where)
    if code in (errno.EMFILE, errno.ENFILE, errno.ENOMEM):
        return _("De computer heeft te weinig ruimte vrij om dit te openen: {path}. Sluit andere programma's en probeer het opnieuw.").format(path=where)
    if code == errno.EIO:
        return _("De schijf gaf een leesfout of schrijffout bij: {path}. Controleer de schijf of USB-stick en probeer het opnieuw.").format(path=where)
    return _("Dit kon niet worden gelezen of geschreven: {path}. Reden: {error}. Controleer de map en probeer het opnieuw.").format(
        path=where, error=exc.strerror or exc.__class__.__name__
    )


class FileProblem(UserError):
    """An ``OSError`` turned into the one line the user sees (see :func:`os_error_message`)."""

    def __init__(self, exc: OSError):
        self.os_error = exc
        super().__init__(os_error_message(exc))
