"""What VeleroBackups checks of its place before the construct exists: the scope, the id, the other stack and
the output names the id gives, so that a refused configuration leaves nothing behind."""

from __future__ import annotations

from constructs import Construct

from . import validation as v
from .engine.core import TerraformOutput, TerraformStack
from .errors import VeleroConfigError
from .plan import BackupsPlan

__all__ = ["check_output_names", "check_scope"]


def check_scope(scope: object, construct_id: object, custom_resources_stack: object) -> TerraformStack:
    """The scope, id and other stack can take the construct: checked before it exists."""
    if not isinstance(scope, Construct):
        raise VeleroConfigError("scope", type(scope).__name__, "must be a construct (a TerraformStack or inside one)")
    name = v.check_str("construct_id", construct_id)
    if v.is_token(name):
        raise VeleroConfigError("construct_id", name, "must be a literal id, not a token")
    if scope.node.try_find_child(name) is not None:
        raise VeleroConfigError("construct_id", name, "is already used by another construct in this scope")
    own_stack = TerraformStack.of(scope)
    if custom_resources_stack is not None:
        if not isinstance(custom_resources_stack, TerraformStack) or custom_resources_stack is own_stack:
            raise VeleroConfigError(
                "custom_resources_stack", custom_resources_stack, "must be another TerraformStack of the app"
            )
        if own_stack.depends_on(custom_resources_stack):
            raise VeleroConfigError(
                "custom_resources_stack",
                custom_resources_stack.node.id,
                "must be applied after this construct's stack, which depends on it already",
            )
        if custom_resources_stack.node.try_find_child(name) is not None:
            raise VeleroConfigError(
                "construct_id", name, "is already used by another construct at the top of custom_resources_stack"
            )
    return own_stack


def check_output_names(prefix: str, plan: BackupsPlan, stacks: list[TerraformStack]) -> None:
    """Output names ``<id>_<what>`` are Terraform identifiers, unique in each stack (a second output of a name
    would replace the first): checked for the outputs the plan knows (the BSL names, the buckets' names, the
    generated repository password's)."""
    v.check_terraform_identifier("construct_id", prefix)
    names = ["repository_password"] if plan.repository.generated else []
    if plan.outputs:
        names += ["default_bsl_name", *(out.name for location in plan.locations for out in location.outputs)]
    taken = {
        child.friendly_unique_id
        for stack in stacks
        for child in stack.node.find_all()
        if isinstance(child, TerraformOutput)
    }
    for name in names:
        if f"{prefix}_{name}" in taken:
            raise VeleroConfigError(
                "construct_id",
                prefix,
                f"declares output {prefix}_{name}, which the stack already has "
                "(another VeleroBackups with this id?): give each one its own id",
            )
