"""Errors of the customers module; views turn them into field messages."""

from webapp.framework.errors import OrionError


class CustomersError(OrionError):
    pass


class DuplicateEmail(CustomersError):
    """Another customer of this store already uses this email address."""

    status_code = 422


class WeakPassword(CustomersError):
    """The new password is refused; `reason` is the code from `password_problem`."""

    status_code = 422

    def __init__(self, reason: str):
        super().__init__(reason, reason=reason)
        self.reason = reason


class WrongPassword(CustomersError):
    """The current password given to confirm a sensitive change is not right."""

    status_code = 422


class CustomerNotFound(CustomersError):
    """No customer with this id in this store."""

    status_code = 404


class AddressNotFound(CustomersError):
    """No address with this id among the customer's own."""

    status_code = 404
