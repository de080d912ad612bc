"""Helpers shared by the facades: per-entity error wrapping, model payloads."""
from .. import tags
from ..errors import ApiError

ACTIONS = ("grant", "revoke")
CLOUD = "localhost"
PROVIDER = "lxd"
AGENT_VERSION = "3.6.1"
ZERO_TIME = "0001-01-01T00:00:00Z"  # Go's zero time.Time


def err(e):
    return {"error": e.to_dict()}


def per_entity(items, fn):
    """Run fn per item; an ApiError becomes that entry's error, success becomes {}."""
    results = []
    for item in items:
        try:
            fn(item)
        except ApiError as e:
            results.append(err(e))
        else:
            results.append({})
    return results


def user_and_action(item, prefix):
    """The user and action of a Modify*Access change, checked as Juju does (a bad tag is annotated
    with the facade's prefix, an unknown action is not)."""
    try:
        user_id = tags.parse_user_tag(item.get("user-tag"))
    except ApiError as e:
        raise e.prefixed(prefix)
    action = item.get("action")
    if action not in ACTIONS:
        raise ApiError('unknown action "%s"' % action)
    return user_id, action


def model_entry(model):
    """params.Model (AllModels, ListModels)."""
    return {"name": model.name, "uuid": model.uuid, "type": model.type,
            "owner-tag": tags.user_tag(model.owner)}


def model_status(model):
    return {"status": model.status, "info": "", "since": model.since}


def cloud_fields(state, model):
    return {
        "controller-uuid": state.controller_uuid,
        "is-controller": model.is_controller,
        "cloud-tag": "cloud-" + model.cloud,
        "cloud-region": model.region,
        "cloud-credential-tag": "cloudcred-" + model.credential.replace("/", "_"),
        "owner-tag": tags.user_tag(model.owner),
        "life": model.life,
        "status": model_status(model),
        "sla": {"level": "unsupported", "owner": ""},
        "agent-version": AGENT_VERSION,
        "provider-type": PROVIDER,
    }
