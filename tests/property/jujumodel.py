"""What Juju promises, written from ../shared/juju-api.md, for the state machine of test_juju_state_machine.py.

A second reading of the spec, independent of plugins/ (the modules under test) and of the simulator's own
code: user names and their aliases (§4.2, §15.5), the access levels (§10, §16), the targets a task names (§7.1,
§19.1) and what a task declares: the end state it promises once it reports success (§4.3, §5.1, §6.4, §19.3).
"""
# §10, §16: the levels of each kind of target, lowest first.
LEVELS = {
    "controller": ("login", "superuser"),
    "model": ("read", "write", "admin"),
    "offer": ("read", "consume", "admin"),
    "cloud": ("add-model", "admin"),
}


def user_key(name):
    """One key per user: Juju compares local names without case (§4.2: the document id is the lower-cased name),
    and `bob@local` is `bob`."""
    name = name.lower()
    return name[:-len("@local")] if name.endswith("@local") else name


def is_external(name):
    """A user of an identity provider (§15.5): a domain other than `local`."""
    return "@" in user_key(name)


# A model given by its UUID (§19.1) is written `uuid:owner/name` in a step's options, which the state machine
# replaces by the simulator's UUID of that model when it runs the step: the UUID is this fixture's, the model is not.
UUID_PREFIX = "uuid:"


def model_ref(ref, login_user):
    """`owner/name` of a model reference; a bare name is a model of the login user (§7.1's rule for offers,
    which the collection applies to models too); a UUID is the model that has it, whoever logs in (§19.1)."""
    if ref.startswith(UUID_PREFIX):
        return ref[len(UUID_PREFIX):]
    return ref if "/" in ref else "%s/%s" % (user_key(login_user), ref)


def offer_ref(url, login_user):
    """`owner/model.offer`; an omitted owner is the login user (§7.1)."""
    return url if "/" in url else "%s/%s" % (user_key(login_user), url)


def target_key(kind, name, login_user):
    """The target a task names, spelled one way: owners lower-cased (they are user names)."""
    if kind == "model":
        owner, model = model_ref(name, login_user).split("/", 1)
        return ("model", "%s/%s" % (user_key(owner), model))
    if kind == "offer":
        owner, rest = offer_ref(name, login_user).split("/", 1)
        return ("offer", "%s/%s" % (user_key(owner), rest))
    return (kind, name)


def promised_access(access, state):
    """The explicit grant a successful juju_user_access leaves: exactly `access`, none when absent."""
    return None if state == "absent" else access


def promised_users_entry(entry, login_user, stays_disabled=False):
    """{("user", key): facts, ("grant", kind, target, key): level, ("key", model, line): True} that a successful
    juju_users entry promises.

    The grants of a user that is absent afterwards are gone with it (§4.3). Juju neither shows nor changes the
    controller access of a disabled user (§5.1, §19.3), so none is promised for a user that is or stays disabled.
    """
    key = user_key(entry["name"])
    if entry.get("state", "present") == "absent":
        return {("user", key): None}
    facts = {("user", key): {"enabled": entry.get("enabled")}}
    if entry.get("controller_access") and entry.get("enabled") is not False and not stays_disabled:
        facts[("grant", "controller", None, key)] = entry["controller_access"]
    for option, kind in (("models", "model"), ("offers", "offer"), ("clouds", "cloud")):
        for name, level in (entry.get(option) or {}).items():
            dummy, target = target_key(kind, name, login_user)
            facts[("grant", kind, target, key)] = None if level == "absent" else level
    for name, lines in (entry.get("ssh_keys") or {}).items():
        for line in lines:  # a key is present on the model (under any comment, §18.5)
            facts[("key", target_key("model", name, login_user)[1], line)] = True
    return facts


def promised_holders(kind, users):
    """{user key: level} that a successful juju_access promises for the users it names (§19.4): exactly the
    level given, none for a null level."""
    return dict((user_key(name), None if level in (None, "none") else level) for name, level in users.items())


def aliased_targets(entry, login_user):
    """The targets that one juju_users entry names twice through aliases (issue 14 item 5: refused)."""
    twice = []
    for option, kind in (("models", "model"), ("offers", "offer"), ("clouds", "cloud"), ("ssh_keys", "model")):
        seen = {}
        for name in entry.get(option) or {}:
            target = target_key(kind, name, login_user)
            if target in seen:
                twice.append(target)
            seen[target] = name
    return twice
