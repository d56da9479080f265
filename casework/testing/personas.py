"""The people every permission test is written around (DESIGN.md section 5), with the same
usernames as the demo council."""

from dataclasses import dataclass

from casework.accounts.models import Role, Team, User
from casework.cases.models import Allocation
from casework.people.models import Person
from casework.testing.factories import AllocationFactory, PersonFactory, TeamFactory, UserFactory


@dataclass
class Personas:
    team_a: Team
    team_b: Team
    frontdoor: User
    worker: User  # allocated worker of `child`
    colleague: User  # same team, not allocated
    other_team: User
    manager: User  # manages team A
    chair: User
    analyst: User
    head: User
    admin: User
    child: Person
    allocation: Allocation
    # Recruitment staff: outside the children's records. Not in the access table's EVERYONE
    # list, so only the rows that name them check them (casework/workforce adds those).
    recruiter: User

    def by_name(self) -> dict[str, User | None]:
        return {
            "anonymous": None,
            "fran.frontdoor": self.frontdoor,
            "sam.worker": self.worker,
            "tess.colleague": self.colleague,
            "ola.otherteam": self.other_team,
            "tara.manager": self.manager,
            "ian.chair": self.chair,
            "pat.analyst": self.analyst,
            "hana.head": self.head,
            "adam.admin": self.admin,
            "rita.recruiter": self.recruiter,
        }


def make_personas() -> Personas:
    team_a = TeamFactory(name="Team A")
    team_b = TeamFactory(name="Team B")
    front = TeamFactory(name="Front Door (MASH)", is_front_door=True)
    worker = UserFactory(username="sam.worker", role=Role.SOCIAL_WORKER, team=team_a)
    child = PersonFactory(given_name="Amy", family_name="Jones")
    allocation = AllocationFactory(person=child, team=team_a, worker=worker)
    return Personas(
        team_a=team_a,
        team_b=team_b,
        frontdoor=UserFactory(username="fran.frontdoor", role=Role.FRONT_DOOR, team=front),
        worker=worker,
        colleague=UserFactory(username="tess.colleague", role=Role.SOCIAL_WORKER, team=team_a),
        other_team=UserFactory(username="ola.otherteam", role=Role.SOCIAL_WORKER, team=team_b),
        manager=UserFactory(username="tara.manager", role=Role.TEAM_MANAGER, team=team_a),
        chair=UserFactory(username="ian.chair", role=Role.REVIEWING_OFFICER, team=None),
        analyst=UserFactory(username="pat.analyst", role=Role.ANALYST, team=None),
        head=UserFactory(username="hana.head", role=Role.HEAD_OF_SERVICE, team=None),
        admin=UserFactory(
            username="adam.admin", role=Role.ADMIN, team=None, is_staff=True, is_superuser=True
        ),
        child=child,
        allocation=allocation,
        recruiter=UserFactory(username="rita.recruiter", role=Role.RECRUITER, team=None),
    )
