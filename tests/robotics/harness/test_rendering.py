import numpy as np

from nairl.robotics.harness.envs import TaskEnv, variation_seed
from nairl.robotics.harness.rendering import PERTURBATIONS, perturbed, render


def test_headless_rendering_and_perturbations_restore_the_model():
    env = TaskEnv("push-v3", goal_visible=False)
    env.reset(variation_seed(10_000))
    clean = render(env, 64)
    assert clean.shape == (64, 64, 3) and clean.dtype == np.uint8 and clean.std() > 10
    saved = env.model.geom_rgba.copy(), env.model.cam_pos.copy(), env.model.light_diffuse.copy()
    for kind in PERTURBATIONS:
        with perturbed(env, kind, np.random.default_rng(0)):
            changed = render(env, 64)
        assert np.abs(changed.astype(int) - clean).mean() > 1, kind
    assert np.array_equal(env.model.geom_rgba, saved[0])
    assert np.array_equal(env.model.cam_pos, saved[1])
    assert np.array_equal(env.model.light_diffuse, saved[2])
    assert np.array_equal(render(env, 64), clean)


def test_hidden_state_has_no_goal():
    env = TaskEnv("push-v3", goal_visible=False)
    state = env.reset(variation_seed(10_000))
    assert not state[-3:].any()
