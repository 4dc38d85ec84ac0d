"""Business states (of orders, service orders and work orders) change only
through the records' actions: the actions write them in a context that carries
a private token; any other write of a state is refused, except for the
superuser. The token is an object, not a value: a context sent by a client
(JSON-RPC, a form's context) cannot hold it, unlike a key set to True."""

STATE_ACTION_KEY = "telecom_allow_state_write"
_STATE_ACTION_TOKEN = object()


def state_action_context():
    """The context in which an action writes a state: `records.with_context(**state_action_context())`."""
    return {STATE_ACTION_KEY: _STATE_ACTION_TOKEN}


def is_state_action(env):
    """Whether `env` is an action's write of a state."""
    return env.context.get(STATE_ACTION_KEY) is _STATE_ACTION_TOKEN


def may_write_state(env):
    """Whether `env` may write business states directly: an action, or the superuser."""
    return env.su or is_state_action(env)
