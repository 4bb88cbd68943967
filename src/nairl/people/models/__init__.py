from .directory import Affiliation, ExpertiseArea, Institution, Person

__all__ = ["Affiliation", "ExpertiseArea", "Institution", "Person"]
